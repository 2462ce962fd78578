using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// A throw-away repository with build.sh, global.json and a small pipeline referencing this
/// repository's ContainerCloudBuild project; compiled once by its first ./build.sh call.
/// </summary>
public sealed class SampleRepositoryFixture : IAsyncLifetime
{
    public TempDirectory Directory { get; } = new("ccb-e2e");

    public string Root => Directory.Path;

    public string FirstRunOutput { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Directory.WriteFile(".nuke/parameters.json", """{ "Greeting": "hello from file" }""");
        ThrowAwayBuildRepository.Create(Directory, SampleBuildSource, "build.sh");
        var first = await ShellRun.CompileAndRunAsync(Root, null, "/bin/bash", "./build.sh", "Hello");
        FirstRunOutput = first.Output;
        if (first.Process.ExitCode != 0)
            throw new InvalidOperationException("The sample build did not run:\n" + first.Output);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Dispose();
        return ValueTask.CompletedTask;
    }

    private const string SampleBuildSource = """
        using ContainerCloudBuild;
        using ContainerCloudBuild.Engine;
        using ContainerCloudBuild.Tools;

        sealed class Build : PipelineBuild
        {
            public static Task<int> Main(string[] args) => Run<Build>(args, x => x.Hello);

            [Parameter("What Hello prints")] readonly string Greeting = "hi";
            [Parameter, Secret] readonly string? Token;
            [Parameter] readonly string Marker = "none";

            Target Hello => _ => _.Executes(() => Console.WriteLine($"{Greeting}; token={Token}"));

            Target Fail => _ => _.Executes(() => throw new InvalidOperationException($"could not log in with {Token}"));

            Target Tool => _ => _.Executes(ct => new ToolCommand("sh")
                .WithArguments("-c", "echo tool says $T; exit 3")
                .WithEnvironment("T", Token)
                .RunAsync(ct));

            Target Wait => _ => _.Executes(async ct =>
            {
                Console.WriteLine("waiting");
                await new ToolCommand("sh").WithArguments("-c", $"sleep 600 # {Marker}").RunAsync(ct);
            });

            Target Cleanup => _ => _.After(Wait).AssuredAfterFailure().Executes(() => Console.WriteLine("cleanup ran"));

            ToolCommand Tree => new ToolCommand("sh")
                .WithArguments("-c", "sleep 101 & sleep 102 & echo tree started; wait")
                .WithEnvironment("CCB_TEST_MARKER", Marker);

            Target Trees => _ => _.Retry(3).Executes(ct => Tree.RunAsync(ct));

            Target Stubborn => _ => _.Executes(ct => new ToolCommand("sh")
                .WithArguments("-c", "trap '' TERM; sleep 105 & echo stubborn started; wait")
                .WithEnvironment("CCB_TEST_MARKER", Marker)
                .RunAsync(ct));

            Target TreeTimeout => _ => _.Timeout(TimeSpan.FromSeconds(1)).Executes(ct => Tree.RunAsync(ct));

            Target Chatty => _ => _.Executes(ct => new ToolCommand("sh").WithArguments("-c", "i=0; while [ $i -lt 3000 ]; do echo out-$i; echo err-$i >&2; i=$((i+1)); done").RunAsync(ct));

            Target Threads => _ => _.Executes(ct => Task.WhenAll(
                Task.Run(() => { for (var i = 0; i < 3000; i++) Console.Error.WriteLine($"thread-err-{i}"); }),
                Task.Run(() => { for (var i = 0; i < 3000; i++) Console.Write($"thread-out-{i}\n"); })));

            Target Streams => _ => _.Executes(async ct =>
            {
                Console.WriteLine("target says hi");
                await new ToolCommand("sh").WithArguments("-c", "echo tool-out; printf 'tool-%s\\n' err >&2; exit 5").RunAsync(ct);
            });
        }
        """;
}
