namespace ContainerCloudBuild.Engine;

/// <summary>
/// The property name of each target delegate, so that <c>DependsOn(Restore)</c> (a fresh delegate
/// from the <c>Restore</c> getter) resolves to "Restore". Delegates are looked up by their code key
/// (<see cref="DelegateCodeKey"/>); a miss, or a delegate without a code key, falls back to delegate
/// equality hashed by method. The fallback is exact but slow for big build classes (the runtime
/// searches its method cache linearly), so it is built only when needed.
/// </summary>
internal sealed class TargetNames
{
    private readonly List<(Target Target, string Name)> _declared;
    private readonly Dictionary<DelegateCodeKey, string>? _byCode;
    private Dictionary<Delegate, string>? _byMethod;

    public TargetNames(IEnumerable<(string Name, Target Target)> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        _declared = declared.Select(d => (d.Target, d.Name)).ToList();
        var byCode = new Dictionary<DelegateCodeKey, string>();
        foreach (var (target, name) in _declared)
        {
            if (!DelegateCodeKey.TryCreate(target, out var key))
            {
                _byMethod = ByMethod();
                return;
            }

            if (!byCode.TryAdd(key, name)) throw SameDelegate(byCode[key], name);
        }

        _byCode = byCode;
    }

    /// <summary>The name of the declared target equal to <paramref name="target"/>, or null.</summary>
    public string? Find(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (_byCode is not null && DelegateCodeKey.TryCreate(target, out var key) && _byCode.TryGetValue(key, out var name))
            return name;
        _byMethod ??= ByMethod();
        return _byMethod.GetValueOrDefault(target);
    }

    private Dictionary<Delegate, string> ByMethod()
    {
        var names = new Dictionary<Delegate, string>(DelegateIdentityComparer.Instance);
        foreach (var (target, name) in _declared)
        {
            if (!names.TryAdd(target, name)) throw SameDelegate(names[target], name);
        }

        return names;
    }

    private static InvalidOperationException SameDelegate(string first, string second) =>
        new($"Targets '{first}' and '{second}' are the same delegate; give each target its own definition.");
}
