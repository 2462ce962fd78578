using System.Globalization;

namespace ContainerCloudBuild.Rollouts.DockerHost.Haproxy;

/// <summary>One server line of <c>show servers state</c>: name, address, operational and admin state, user weight.</summary>
public sealed record HaproxyServer(string Name, string Address, string Port, int OperationalState, int AdminState, int Weight)
{
    /// <summary>Parses <c>show servers state</c> (version 1 format: a header line starting with '#', then space-separated fields).</summary>
    public static IEnumerable<HaproxyServer> ParseState(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith("# be_id", StringComparison.Ordinal));
        if (header is null)
            yield break;
        var columns = header[2..].Split(' ');
        int Col(string name) => Array.IndexOf(columns, name);
        foreach (var line in lines.Where(l => !l.StartsWith('#') && l.Split(' ').Length > 5))
        {
            var f = line.Split(' ');
            if (f.Length < columns.Length - 2)
                continue;
            yield return new HaproxyServer(
                f[Col("srv_name")], f[Col("srv_addr")], f[Col("srv_port")],
                int.Parse(f[Col("srv_op_state")], CultureInfo.InvariantCulture),
                int.Parse(f[Col("srv_admin_state")], CultureInfo.InvariantCulture),
                int.Parse(f[Col("srv_uweight")], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The <c>scur</c> (current sessions) of one server in <c>show stat</c> CSV; 0 when absent.</summary>
    public static int CurrentSessions(string csv, string backend, string server)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith("# pxname", StringComparison.Ordinal));
        if (header is null)
            return 0;
        var scur = Array.IndexOf(header[2..].Split(','), "scur");
        foreach (var line in lines)
        {
            var f = line.Split(',');
            if (f.Length > scur && f[0] == backend && f[1] == server)
                return int.TryParse(f[scur], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
        return 0;
    }
}
