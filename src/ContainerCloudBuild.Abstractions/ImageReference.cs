using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Abstractions;

/// <summary>
/// A container image reference: <c>registry/repository[:tag][@digest]</c>, validated against the
/// Docker/OCI reference grammar. Later pipeline steps deploy by <see cref="Digest"/>.
/// </summary>
public sealed partial record ImageReference
{
    public const string DefaultRegistry = "docker.io";

    public ImageReference(string registry, string repository, string? tag = null, string? digest = null)
    {
        if (!IsValidRegistry(registry))
            throw new FormatException($"Registry '{registry}' is not a valid host[:port].");
        if (!IsValidRepository(repository))
            throw new FormatException(
                $"Repository '{repository}' is not valid: use lowercase path components [a-z0-9] separated by '.', '_', '__' or '-', joined by '/'.");
        if (tag is not null && !IsValidTag(tag))
            throw new FormatException(
                $"Tag '{tag}' is not valid: at most 128 characters of [A-Za-z0-9_.-], not starting with '.' or '-'.");
        if (digest is not null && !IsValidDigest(digest))
            throw new FormatException($"Digest '{digest}' is not valid: expected 'sha256:' followed by 64 lowercase hex digits.");
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    public string Registry { get; }
    public string Repository { get; }
    public string? Tag { get; }
    public string? Digest { get; }

    /// <summary><c>registry/repository</c> without tag or digest.</summary>
    public string Name => $"{Registry}/{Repository}";

    public ImageReference WithTag(string tag) => new(Registry, Repository, tag, null);
    public ImageReference WithDigest(string digest) => new(Registry, Repository, Tag, digest);
    public ImageReference WithRepository(string repository) => new(Registry, repository, Tag, Digest);

    /// <summary>The reference a deployment should use: by digest when known, else by tag.</summary>
    public string ToDeployString() => Digest is null ? ToString() : $"{Name}@{Digest}";

    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!TryParse(reference, out var parsed, out var error))
            throw new FormatException($"Image reference '{reference}' is not valid: {error}");
        return parsed;
    }

    public static bool TryParse(string reference, [NotNullWhen(true)] out ImageReference? parsed, out string? error)
    {
        parsed = null;
        error = null;
        if (string.IsNullOrWhiteSpace(reference)) { error = "it is empty."; return false; }
        var rest = reference;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) { digest = rest[(at + 1)..]; rest = rest[..at]; }
        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash) { tag = rest[(colon + 1)..]; rest = rest[..colon]; }
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        string registry;
        string repository;
        var first = firstSlash < 0 ? "" : rest[..firstSlash];
        if (firstSlash > 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            registry = first;
            repository = rest[(firstSlash + 1)..];
        }
        else
        {
            registry = DefaultRegistry;
            repository = firstSlash < 0 ? "library/" + rest : rest;
        }
        try
        {
            parsed = new ImageReference(registry, repository, tag, digest);
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    public static bool IsValidTag(string tag) => TagPattern().IsMatch(tag);
    public static bool IsValidDigest(string digest) => DigestPattern().IsMatch(digest);
    public static bool IsValidRepository(string repository) => repository.Length <= 255 && RepositoryPattern().IsMatch(repository);
    public static bool IsValidRegistry(string registry) => RegistryPattern().IsMatch(registry);

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^sha256:[a-f0-9]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex RegistryPattern();
}
