namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>A binary a machine needs and the Debian package that provides it.</summary>
public sealed record Prerequisite(string Binary, string Package);

/// <summary>
/// What to do about a machine's prerequisites: the missing packages, the exact apt-get command, and the
/// command that starts dockerd detached (it outlives the build) when no engine answers. Pure: the
/// caller says which binaries exist, whether the engine answers and whether it may install (root on Debian).
/// </summary>
public sealed record PrerequisitePlan(IReadOnlyList<string> MissingPackages, string? InstallCommand, string? StartDockerdCommand, bool CanInstall)
{
    public const string DockerdCommand = "dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false";

    public const string DockerdLog = "/var/log/dockerd.log";

    public bool NothingToDo => InstallCommand is null && StartDockerdCommand is null;

    /// <summary>The commands as a user types them: with sudo when not root.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            var commands = new List<string>();
            if (InstallCommand is not null)
                commands.Add(CanInstall ? InstallCommand : $"sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y {string.Join(' ', MissingPackages)}");
            if (StartDockerdCommand is not null)
                commands.Add(CanInstall ? StartDockerdCommand : $"sudo sh -c '{StartDockerdCommand}'");
            return commands;
        }
    }

    public static PrerequisitePlan For(IEnumerable<Prerequisite> required, Func<string, bool> exists, bool dockerAnswers, bool canInstall)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(exists);
        var missing = required.Where(r => !exists(r.Binary)).Select(r => r.Package).Distinct(StringComparer.Ordinal).ToList();
        var install = missing.Count == 0 ? null
            : $"apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y {string.Join(' ', missing)}";
        var start = dockerAnswers ? null : $"setsid nohup {DockerdCommand} </dev/null >{DockerdLog} 2>&1 &";
        return new PrerequisitePlan(missing, install, start, canInstall);
    }
}
