using ContainerCloudBuild;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Tools;

/// <summary>
/// The one list of what `./build.sh Test` and `./build.sh Demo` need from the machine, and the target
/// both depend on: as root on Debian it installs the missing packages and starts dockerd detached;
/// otherwise it prints the exact commands and the tests that need them skip, saying so.
/// </summary>
sealed partial class Build
{
    const string PowerShellVersion = "7.6.9";

    AbsolutePath ToolsDirectory => RootDirectory / ".tools";

    /// <summary>The stack's binaries (dockerd, registry, HAProxy, Prometheus) and what the tests run besides (chromium renders the run report headless; Zabbix 6.0 and PostgreSQL 15).</summary>
    static IReadOnlyList<Prerequisite> MachinePrerequisites(LocalStackOptions stack) =>
    [
        .. HostPrerequisites.ForStack(stack),
        new("/usr/bin/docker", "docker.io"),
        new("/usr/bin/prometheus-pushgateway", "prometheus-pushgateway"),
        new("/bin/busybox", "busybox-static"),
        new("/usr/bin/htpasswd", "apache2-utils"),
        new("/usr/bin/git", "git"),
        new("/usr/bin/curl", "curl"),
        new("/usr/bin/rsync", "rsync"),
        new("/usr/bin/chromium", "chromium"),
        .. ZabbixPrerequisites,
    ];

    /// <summary>What the Zabbix tests' fixture starts (PostgreSQL 15, zabbix_server, the API under `php -S`) and the agent images bake in.</summary>
    static IReadOnlyList<Prerequisite> ZabbixPrerequisites =>
    [
        new("/usr/sbin/zabbix_server", "zabbix-server-pgsql"),
        new("/usr/share/zabbix/api_jsonrpc.php", "zabbix-frontend-php"),
        new("/usr/bin/php", "php-cli"),
        new("/etc/php/8.2/mods-available/pgsql.ini", "php-pgsql"),
        new("/usr/lib/postgresql/15/bin/postgres", "postgresql-15"),
        new("/usr/sbin/zabbix_agentd", "zabbix-agent"),
    ];

    /// <summary>gitlab-ci-local, the runner the generated .gitlab-ci.yml is tested under (the last release for Node 20).</summary>
    const string GitLabCiLocalVersion = "4.60.0";

    string[] InstallGitLabCiLocal => ["install", "-g", "--no-audit", "--no-fund", $"gitlab-ci-local@{GitLabCiLocalVersion}"];

    /// <summary>`dotnet tool install` of PowerShell 7.6 into .tools/, for build.ps1 and its tests.</summary>
    string[] InstallPowerShell => ["tool", "install", "--tool-path", ToolsDirectory, "PowerShell", "--version", PowerShellVersion];

    Target Prerequisites => _ => _
        .Description("Installs the Debian packages Test and Demo need and starts dockerd (as root; otherwise prints the commands); PowerShell 7.6 into .tools/")
        .DependentFor(StackUp)
        .Executes(async ct =>
        {
            var stack = CreateDeployOptions().Stack([]);
            var host = new HostPrerequisites(stack, Logger("prerequisites"), MachinePrerequisites(stack));
            var (problems, commands) = await host.EnsureAsync(ct);
            if (problems.Count > 0)
            {
                var message = $"{string.Join("; ", problems)}. Run:\n  {string.Join("\n  ", commands)}";
                if (HostPrerequisites.CanInstall)
                    throw new InvalidOperationException("The machine's prerequisites could not be set up: " + message);
                Console.WriteLine($"Not root: nothing installed or started ({message})\nTests that need these skip locally, saying what is missing.");
            }

            await EnsureGitLabCiLocalAsync(ct);
            if (File.Exists(ToolsDirectory / "pwsh"))
                return;
            try
            {
                await DotNet.Command(InstallPowerShell).RunAsync(ct);
            }
            catch (ToolFailedException ex)
            {
                Console.WriteLine($"PowerShell was not installed ({ex.Message}); build.ps1's tests skip. Run: dotnet {string.Join(' ', InstallPowerShell)}");
            }
        });

    async Task EnsureGitLabCiLocalAsync(CancellationToken ct)
    {
        var installed = await InstalledGitLabCiLocalVersionAsync(ct);
        if (installed == GitLabCiLocalVersion)
            return;
        if (!HostPrerequisites.CanInstall)
        {
            Console.WriteLine($"gitlab-ci-local {GitLabCiLocalVersion} is missing ({installed ?? "not installed"}); the generated GitLab pipeline's test skips. Run: sudo npm {string.Join(' ', InstallGitLabCiLocal)}");
            return;
        }

        await new ToolCommand("npm").WithArguments(InstallGitLabCiLocal).RunAsync(ct);
    }

    /// <summary>What `gitlab-ci-local --version` prints (a second), or null when it is not on PATH: npm runs only when this is not the pinned version.</summary>
    static async Task<string?> InstalledGitLabCiLocalVersionAsync(CancellationToken ct)
    {
        var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "gitlab-ci-local")));
        if (!onPath)
            return null;
        using var output = new StringWriter();
        try
        {
            await new ToolCommand("gitlab-ci-local").WithArguments("--version").WithOutput(output).RunAsync(ct);
        }
        catch (ToolFailedException)
        {
            return "not runnable";
        }

        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
    }
}
