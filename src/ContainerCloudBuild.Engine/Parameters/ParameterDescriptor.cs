using System.Reflection;

namespace ContainerCloudBuild.Engine.Parameters;

/// <summary>One <c>[Parameter]</c> member of a build class.</summary>
public sealed class ParameterDescriptor
{
    private readonly MemberInfo _member;

    private ParameterDescriptor(MemberInfo member, ParameterAttribute attribute, Type type)
    {
        _member = member;
        Type = type;
        Name = attribute.Name ?? member.Name;
        Description = attribute.Description;
        IsSecret = member.GetCustomAttribute<SecretAttribute>() is not null;
    }

    public string Name { get; }
    public string? Description { get; }
    public Type Type { get; }
    public bool IsSecret { get; }
    public string CommandLineName => "--" + ParameterNames.Kebab(Name);
    public string EnvironmentName => ParameterNames.EnvironmentName(Name);

    public object? GetValue(object build) => _member switch
    {
        FieldInfo f => f.GetValue(build),
        PropertyInfo p => p.GetValue(build),
        _ => null,
    };

    public void SetValue(object build, object? value)
    {
        switch (_member)
        {
            case FieldInfo f: f.SetValue(build, value); break;
            case PropertyInfo { CanWrite: true } p: p.SetValue(build, value); break;
            case PropertyInfo p:
                var backing = p.DeclaringType!.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
                    ?? throw new InvalidOperationException($"Parameter '{Name}' is a property without a setter; give it 'init' or 'set'.");
                backing.SetValue(build, value);
                break;
        }
    }

    /// <summary>All parameter members of the build type, base classes included, in declaration order.</summary>
    public static IReadOnlyList<ParameterDescriptor> Discover(Type buildType)
    {
        ArgumentNullException.ThrowIfNull(buildType);
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var result = new List<ParameterDescriptor>();
        for (var t = buildType; t is not null && t != typeof(object); t = t.BaseType)
        {
            // Fields and properties only: a build class has thousands of methods (target lambdas).
            var members = t.GetFields(flags).Concat<MemberInfo>(t.GetProperties(flags));
            foreach (var member in members.OrderBy(m => m.MetadataToken))
            {
                if (member.GetCustomAttribute<ParameterAttribute>() is not { } attribute) continue;
                var type = member switch
                {
                    FieldInfo f => f.FieldType,
                    PropertyInfo p => p.PropertyType,
                    _ => null,
                };
                if (type is null) continue;
                if (!ValueConverter.IsSupported(type))
                    throw new InvalidOperationException($"Parameter '{member.Name}' has type {type.Name}, which the engine cannot bind. Use string, bool, int, long, double, decimal, TimeSpan, Uri, AbsolutePath, an enum, or an array of these.");
                result.Add(new ParameterDescriptor(member, attribute, type));
            }
        }

        return result;
    }
}
