using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Images.Tests.Support;

/// <summary>Build contexts for a tiny image: FROM scratch plus the static busybox binary.</summary>
internal static class TestContexts
{
    public const string Busybox = "/bin/busybox";

    public static void RequireBusybox() =>
        RequiredService.Require(File.Exists(Busybox), "busybox-static", "Install it with 'apt-get install busybox-static'.");

    /// <summary>Writes busybox and a Dockerfile (<c>FROM scratch</c>, <c>COPY busybox</c>, then <paramref name="lines"/>).</summary>
    public static TempDirectory Create(params string[] lines)
    {
        RequireBusybox();
        var dir = new TempDirectory("ccb-ctx");
        File.Copy(Busybox, dir.Combine("busybox"));
        dir.WriteFile("Dockerfile", string.Join('\n', ["FROM scratch", "COPY busybox /bin/busybox", .. lines]) + "\n");
        return dir;
    }
}
