using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Images.Tests.Support;

/// <summary>Build contexts for a tiny image: FROM scratch plus the static busybox binary.</summary>
internal static class TestContexts
{
    public const string Busybox = "/bin/busybox";

    public static void RequireBusybox() =>
        RequiredService.Require(File.Exists(Busybox), "busybox-static", "Install it with 'apt-get install busybox-static'.");

    /// <summary>
    /// The steps every context starts with. Their layers are the same in every build (the engine's cache is content
    /// addressed), so builds of other tests running at the same time use them: a test never removes them.
    /// </summary>
    public static readonly IReadOnlyList<string> SharedSteps = ["FROM scratch", "COPY busybox /bin/busybox"];

    /// <summary>Writes busybox and a Dockerfile (<see cref="SharedSteps"/>, then <paramref name="lines"/>).</summary>
    public static TempDirectory Create(params string[] lines)
    {
        RequireBusybox();
        var dir = new TempDirectory("ccb-ctx");
        File.Copy(Busybox, dir.Combine("busybox"));
        dir.WriteFile("Dockerfile", string.Join('\n', [.. SharedSteps, .. lines]) + "\n");
        return dir;
    }
}
