using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Images;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Testing;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class HelloServiceImageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo path: Debian-package base image, .NET runtime layer on it, framework-dependent publish, push by digest, deploy, bad version refused.</summary>
    [Fact]
    public async Task HelloService_BuiltOnDebianBasePushedByDigest_DeploysAndUnhealthyVersionFailsWithItsLogs()
    {
        RequiredService.Require(File.Exists("/usr/bin/docker-registry"), "docker-registry", "apt-get install docker-registry");
        RequiredService.Require(File.Exists("/usr/bin/apt-get") && File.Exists("/usr/bin/dpkg"), "apt-get and dpkg", "run on Debian");
        await using var stack = await RolloutStack.StartAsync(Ct);
        var registryPort = FreePort.Next();
        var registryDir = Directory.CreateDirectory(stack.Temp.Combine("registry")).FullName;
        var registryConfig = stack.Temp.WriteFile("registry/config.yml", StackConfigs.Registry(Path.Combine(registryDir, "data"), registryPort));
        var registryPid = stack.Temp.Combine("registry/registry.pid");
        await DaemonProcess.StartAsync("/usr/bin/docker-registry", ["serve", registryConfig], registryPid, stack.Temp.Combine("registry/log"), registryPort,
            TimeSpan.FromSeconds(15), Ct);
        var registry = $"127.0.0.1:{registryPort}";
        var baseImage = $"{registry}/base/runtime-deps:bookworm";
        var runtimeImage = DotNetRuntimeImageBuilder.ImageFor(registry, DotNetInstallation.Current());
        var appImage = $"{registry}/{stack.App}/hello-service:v1";
        try
        {
            await new BaseImageBuilder(stack.Target.Docker, NullLogger.Instance).BuildAsync(baseImage, stack.Temp.Combine("base"), rebuild: true, Ct);
            var builder = new DockerImageBuilder(stack.Target.Docker, NullLogger<DockerImageBuilder>.Instance);
            await new DotNetRuntimeImageBuilder(stack.Target.Docker, builder, NullLogger.Instance)
                .BuildAsync(runtimeImage, baseImage, DotNetInstallation.Current(), stack.Temp.Combine("base"), rebuild: true, Ct);
            var sample = FindSample();
            var context = Directory.CreateDirectory(stack.Temp.Combine("context")).FullName;
            File.Copy(Path.Combine(Path.GetDirectoryName(sample)!, "Dockerfile"), Path.Combine(context, "Dockerfile"));
            await PublishAsync(sample, Path.Combine(context, "app"));
            var built = await builder.BuildAsync(new ImageBuildRequest
            {
                ContextDirectory = context,
                Tags = [appImage],
                BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = runtimeImage, ["APP_VERSION"] = "v1" },
            }, Ct);
            Assert.DoesNotContain(built.ContextEntries, e => e.StartsWith("app/libcoreclr", StringComparison.Ordinal));
            var pushed = await new DockerImagePusher(stack.Target.Docker, NullLogger<DockerImagePusher>.Instance, TimeProvider.System)
                .PushAsync(ImageReference.Parse(appImage), credentials: null, Ct);
            var digest = pushed.Digest!;
            var byDigest = pushed.ToDeployString();
            Assert.Equal($"{registry}/{stack.App}/hello-service@{digest}", byDigest);

            var v1 = await stack.Controller.DeployBlueGreenAsync(new BlueGreenSpec
            {
                App = stack.App, Revision = "v1", Workload = stack.Workload(byDigest, "v1") with { CpuLimit = 1 },
            }, Ct);
            Assert.True(v1.Succeeded, v1.Message);
            Assert.Equal(digest, v1.State!.Stable!.Digest);
            using var http = new HttpClient();
            Assert.Equal("v1", (await http.GetStringAsync(stack.VersionUrl, Ct)).Trim());
            Assert.Contains("service_info{service=\"hello-service\",version=\"v1\"} 1", await http.GetStringAsync(new Uri($"http://127.0.0.1:{stack.FrontendPort}/metrics"), Ct), StringComparison.Ordinal);

            var unhealthy = stack.Workload(byDigest, "v2", deadline: TimeSpan.FromSeconds(4));
            var v2 = await stack.Controller.DeployBlueGreenAsync(new BlueGreenSpec
            {
                App = stack.App, Revision = "v2",
                Workload = unhealthy with { Environment = new Dictionary<string, string>(unhealthy.Environment) { ["UNHEALTHY"] = "1" } },
            }, Ct);
            Assert.Equal(RolloutPhase.Failed, v2.Phase);
            Assert.Contains("last: HTTP 503", v2.Message, StringComparison.Ordinal);
            Assert.Contains("healthz: v2 is unhealthy on purpose", v2.Message, StringComparison.Ordinal);
            Assert.Equal("v1", (await http.GetStringAsync(stack.VersionUrl, Ct)).Trim());
        }
        finally
        {
            foreach (var container in await stack.ContainersAsync(CancellationToken.None))
                await stack.Target.Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
            foreach (var image in new[] { appImage, runtimeImage, baseImage })
            {
                try { await stack.Target.Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true, NoPrune = true }, CancellationToken.None); }
                catch (global::Docker.DotNet.DockerApiException) { }
            }
            DaemonProcess.Stop(registryPid);
        }
    }

    /// <summary>The publish the sample's Dockerfile expects in its context's app/ folder (the Demo's own arguments).</summary>
    private static async Task PublishAsync(string project, string outputDirectory)
    {
        var result = await ToolProcess.RunAsync(ToolProcess.StartInfo("dotnet", SamplePublish.Arguments(project, outputDirectory)), Timeout.InfiniteTimeSpan, Ct);
        Assert.True(result.ExitCode == 0, $"dotnet publish {project} exited with {result.ExitCode}:{Environment.NewLine}{result.Output + result.Error}");
    }

    private static string FindSample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "hello-service", "hello-service.csproj");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("samples/hello-service/hello-service.csproj not found above " + AppContext.BaseDirectory);
    }
}
