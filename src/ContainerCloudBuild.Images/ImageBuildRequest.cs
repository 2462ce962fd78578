namespace ContainerCloudBuild.Images;

/// <summary>What to build: a context directory, its Dockerfile, tags and build options.</summary>
public sealed record ImageBuildRequest
{
    /// <summary>The build context directory; its <c>.dockerignore</c> is honoured.</summary>
    public required string ContextDirectory { get; init; }

    /// <summary>Dockerfile path, relative to <see cref="ContextDirectory"/> or absolute.</summary>
    public string Dockerfile { get; init; } = "Dockerfile";

    /// <summary>Image references to tag the result with, e.g. <c>registry:5000/team/app:1.4.0</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Values for <c>ARG</c>s. Never logged: they may hold secrets.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Image labels, e.g. the OCI <c>org.opencontainers.image.*</c> set.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage to stop at in a multi-stage Dockerfile, or null for the last one.</summary>
    public string? Target { get; init; }

    /// <summary>Ignore the build cache.</summary>
    public bool NoCache { get; init; }

    /// <summary>Network for <c>RUN</c> steps (<c>host</c>, <c>none</c>), or null for the engine default.</summary>
    public string? NetworkMode { get; init; }
}
