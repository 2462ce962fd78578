using System.Runtime.CompilerServices;

namespace ContainerCloudBuild.Engine;

/// <summary>
/// What the runtime's own <see cref="Delegate.Equals(object)"/> checks first: the target object
/// and the two code pointers. Equal keys mean equal delegates, and the key hashes well, unlike
/// <see cref="Delegate.GetHashCode"/>, which hashes only the target object (every target of a
/// build class has the same one) and unlike <see cref="Delegate.Method"/>, whose lookup searches
/// the runtime's method cache of the build class linearly (quadratic over thousands of targets).
/// Only for <see cref="Target"/> delegates (equal delegates also have the same type). The pointers
/// are runtime fields; where they do not exist, <see cref="TryCreate"/> says so.
/// </summary>
internal readonly struct DelegateCodeKey : IEquatable<DelegateCodeKey>
{
    private readonly object? _target;
    private readonly nint _code;
    private readonly nint _auxiliaryCode;

    private DelegateCodeKey(object? target, nint code, nint auxiliaryCode)
    {
        _target = target;
        _code = code;
        _auxiliaryCode = auxiliaryCode;
    }

    /// <summary>False for a multicast delegate, or where the runtime has no such fields.</summary>
    public static bool TryCreate(Target value, out DelegateCodeKey key)
    {
        ArgumentNullException.ThrowIfNull(value);
        key = default;
        if (!value.HasSingleTarget) return false;
        try
        {
            key = new DelegateCodeKey(value.Target, CodePointer(value), AuxiliaryCodePointer(value));
            return true;
        }
        catch (MissingFieldException)
        {
            return false;
        }
    }

    public bool Equals(DelegateCodeKey other) =>
        ReferenceEquals(_target, other._target) && _code == other._code && _auxiliaryCode == other._auxiliaryCode;

    public override bool Equals(object? obj) => obj is DelegateCodeKey other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(_target is null ? 0 : RuntimeHelpers.GetHashCode(_target), _code, _auxiliaryCode);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_methodPtr")]
    private static extern ref nint CodePointer(Delegate value);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_methodPtrAux")]
    private static extern ref nint AuxiliaryCodePointer(Delegate value);
}
