using System.Text.RegularExpressions;
using ContainerCloudBuild.Tools;

/// <summary>
/// Runs dotnet test, one test project at a time, and prints one closing line, "Tests: N passed, N failed, N skipped", added up
/// from each test assembly's summary line.
/// </summary>
static partial class TestRun
{
    public static async Task RunAsync(string solution, string configuration, CancellationToken cancellationToken)
    {
        var summaries = new SummaryCollector(Console.Out);
        Exception? failure = null;
        try
        {
            // One test project at a time (-m:1): the real-server suites measure traffic shares and latency on a machine of two
            // cores, and beside another project's compiles and stacks their servers stalled (CI: requests to a busy test
            // server timed out after 5 s, at load 12-19). Tests inside a project still run in parallel where they may.
            await DotNet.Test(solution, configuration).AddArguments("-m:1").WithOutput(summaries).RunAsync(cancellationToken);
        }
        catch (ToolFailedException ex)
        {
            failure = ex;
        }

        Console.WriteLine($"Tests: {summaries.Passed} passed, {summaries.Failed} failed, {summaries.Skipped} skipped");
        if (failure is not null) throw new InvalidOperationException($"dotnet test failed ({summaries.Failed} test(s) failed); see the output above.", failure);
        if (summaries.Passed == 0) throw new InvalidOperationException("No test ran.");
    }

    /// <summary>Forwards lines and adds up "Passed!/Failed!  - Failed: n, Passed: n, Skipped: n" summaries.</summary>
    sealed class SummaryCollector(TextWriter inner) : StringWriter
    {
        public int Passed { get; private set; }
        public int Failed { get; private set; }
        public int Skipped { get; private set; }

        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            var m = Summary().Match(value ?? "");
            if (!m.Success) return;
            lock (this)
            {
                Failed += int.Parse(m.Groups["failed"].Value);
                Passed += int.Parse(m.Groups["passed"].Value);
                Skipped += int.Parse(m.Groups["skipped"].Value);
            }
        }
    }

    [GeneratedRegex(@"(?:Passed|Failed)!\s+-\s+Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+),\s+Skipped:\s+(?<skipped>\d+)")]
    private static partial Regex Summary();
}
