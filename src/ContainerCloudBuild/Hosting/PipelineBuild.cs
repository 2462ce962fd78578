using System.Linq.Expressions;
using ContainerCloudBuild.CiGeneration;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild;

/// <summary>
/// Base class of a pipeline: <c>class Build : PipelineBuild</c> with
/// <c>public static Task&lt;int&gt; Main(string[] args) => Run&lt;Build&gt;(args, x => x.Test);</c>
/// </summary>
public abstract class PipelineBuild : IBuildContextReceiver
{
    private BuildContext? _context;

    /// <summary>The run's context; available once targets are being defined.</summary>
    protected BuildContext Context => _context ?? throw new InvalidOperationException("The build context is set when the build runs, not in the constructor.");

    /// <summary>The repository root (the folder holding <c>.nuke/</c>).</summary>
    public AbsolutePath RootDirectory => Context.RootDirectory;

    /// <summary>A logger for adapters; lines are masked and attributed to the running target.</summary>
    protected ILogger Logger(string category = "build") => new BuildConsoleLogger(Context.Console, category);

    /// <summary>Masks a value (a token, a generated password) in every line printed from now on.</summary>
    protected void RegisterSecret(string? value) => Context.Secrets.Register(value);

    /// <summary>Writes the CI files of the build class's <c>[GitLabCi]</c>, <c>[Jenkins]</c> and <c>[GitHubActions]</c> attributes.</summary>
    public Target GenerateCi => _ => _
        .Description("Writes the CI configuration ([GitLabCi], [Jenkins], [GitHubActions] on the build class) from the targets and [Secret] parameters")
        .Executes(async ct =>
        {
            var files = CiFiles.Generate(this);
            var written = await CiFiles.WriteAsync(files, RootDirectory, ct).ConfigureAwait(false);
            foreach (var file in files)
                Console.WriteLine($"{file.RelativePath}: {(written.Contains(file.RelativePath) ? "written" : "up to date")}");
            if (files.Count == 0) Console.WriteLine("The build class has no [GitLabCi], [Jenkins] or [GitHubActions] attribute: no CI file to write.");
        });

    /// <summary>Fails, naming the file and its first differing line, when a committed CI file is not what <see cref="GenerateCi"/> writes.</summary>
    public Target CheckCi => _ => _
        .Description("Fails when a committed CI file is stale (differs from what GenerateCi writes)")
        .Executes(async ct =>
        {
            var files = CiFiles.Generate(this);
            var stale = await CiFiles.CheckAsync(files, RootDirectory, ct).ConfigureAwait(false);
            if (stale.Count > 0) throw new StaleCiFilesException(stale);
            Console.WriteLine($"CI files up to date: {(files.Count == 0 ? "none generated" : string.Join(", ", files.Select(f => f.RelativePath)))}");
        });

    void IBuildContextReceiver.Initialize(BuildContext context) => _context = context;

    /// <summary>Runs the build with the process's arguments, console, environment and Ctrl+C handling.</summary>
    protected static Task<int> Run<T>(string[] args, Expression<Func<T, Target>> defaultTarget) where T : PipelineBuild, new()
    {
        ArgumentNullException.ThrowIfNull(defaultTarget);
        var name = defaultTarget.Body is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException("The default target must be a property, e.g. x => x.Test.", nameof(defaultTarget));
        return BuildHost.RunAsync(new T(), args, name);
    }
}
