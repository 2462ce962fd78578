namespace ContainerCloudBuild.Testing;

/// <summary>What a deploy to this Docker host needs: the engine and the Debian binaries its stack runs (registry, HAProxy, Prometheus).</summary>
public static class DockerHostStack
{
    public const string DockerSocket = "/var/run/docker.sock";

    /// <summary>Skips (locally) or fails (CI) when HAProxy, Prometheus, the registry or the engine on <paramref name="dockerSocket"/> is missing.</summary>
    public static void Require(string dockerSocket = DockerSocket)
    {
        RequiredService.Require(File.Exists("/usr/sbin/haproxy"), "haproxy", "apt-get install haproxy");
        RequiredService.Require(File.Exists("/usr/bin/prometheus"), "prometheus", "apt-get install prometheus");
        RequiredService.Require(File.Exists("/usr/bin/docker-registry"), "docker-registry", "apt-get install docker-registry");
        RequiredService.Require(File.Exists(dockerSocket), $"Docker engine on {dockerSocket}", "./build.sh Prerequisites (starts dockerd)");
    }
}
