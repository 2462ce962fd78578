using System.Runtime.CompilerServices;

namespace ContainerCloudBuild.Engine;

/// <summary>
/// Delegate equality (same method, same target object) with a hash that spreads. The runtime's
/// <see cref="Delegate.GetHashCode"/> hashes the target object only, and every target of a build
/// class is a lambda on the same object (the build, or the compiler's closure singleton), so a
/// dictionary keyed by target delegates put them all in one bucket and each lookup compared
/// against every earlier target.
/// </summary>
internal sealed class DelegateIdentityComparer : IEqualityComparer<Delegate>
{
    public static DelegateIdentityComparer Instance { get; } = new();

    public bool Equals(Delegate? x, Delegate? y) => x is null ? y is null : x.Equals(y);

    public int GetHashCode(Delegate obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return HashCode.Combine(obj.Method, obj.Target is null ? 0 : RuntimeHelpers.GetHashCode(obj.Target));
    }
}
