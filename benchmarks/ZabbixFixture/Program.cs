using System.Diagnostics;
using System.Globalization;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Sender;
using ContainerCloudBuild.Zabbix.Testing;

// Starts and stops the Zabbix test fixture N times (default 3) and prints, per run: time to a working API, whether the
// database came from the cached dump, the time from a trapper value to history.get, and the stop time.
// With --cold the cached dump is deleted first, so the first run imports Debian's schema.
if (!ZabbixPackages.Available)
{
    Console.Error.WriteLine("Zabbix packages missing. " + ZabbixPackages.HowToInstall);
    return 2;
}
var runs = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(3);
if (args.Contains("--cold"))
{
    foreach (var dump in Directory.Exists(ZabbixDatabase.CacheDirectory) ? Directory.GetFiles(ZabbixDatabase.CacheDirectory, "*.dump") : [])
        File.Delete(dump);
}
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
Console.WriteLine("run | start to API (s) | database | trapper value to history.get (ms) | stop (s)");
for (var run = 1; run <= runs; run++)
{
    var servers = await ZabbixServers.StartAsync(CancellationToken.None);
    var api = ZabbixApi.Create(http, servers.ApiUrl, ZabbixCredentials.User(ZabbixServers.AdminUser, ZabbixServers.AdminPassword), new SecretMasker());
    var group = await api.Hosts.EnsureGroupAsync("bench", CancellationToken.None);
    var hostId = await api.Hosts.CreateAsync("bench-host", [group], CancellationToken.None);
    var itemId = await api.Items.CreateTrapperAsync(hostId, "bench.value", "bench", ZabbixValueType.Float, "", CancellationToken.None);
    var sender = new ZabbixSender("127.0.0.1", servers.TrapperPort, TimeProvider.System);
    await servers.Server.ReloadConfigCacheAsync(CancellationToken.None);
    while (!(await sender.SendBatchAsync([new SenderValue("bench-host", "bench.value", "0")], CancellationToken.None)).Succeeded)
        await Task.Delay(50);
    var roundTrip = Stopwatch.StartNew();
    var from = DateTimeOffset.UtcNow.AddSeconds(-1);
    await sender.SendAsync([new SenderValue("bench-host", "bench.value", "42")], CancellationToken.None);
    while ((await api.Items.HistoryAsync(itemId, ZabbixValueType.Float, from, null, 10, CancellationToken.None)).All(v => v.Value != "42"))
        await Task.Delay(20);
    roundTrip.Stop();
    var stop = Stopwatch.StartNew();
    await servers.DisposeAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{run} | {servers.StartTime.TotalSeconds:0.0} | {(servers.DatabaseFromCache ? "cached dump" : "schema import")} | {roundTrip.ElapsedMilliseconds} | {stop.Elapsed.TotalSeconds:0.0}"));
}
return 0;
