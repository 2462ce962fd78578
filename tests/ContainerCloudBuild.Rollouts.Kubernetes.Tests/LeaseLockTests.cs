using k8s;
using ContainerCloudBuild.Rollouts.Kubernetes.State;
using ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;
using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests;

/// <summary>The rollout lock as a coordination.k8s.io/v1 Lease on the fake API server.</summary>
public sealed class LeaseLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryLock_WhileHeldAndRenewed_SecondHolderIsRefusedWithTheOwner()
    {
        await using var cluster = await StartAsync(Ct);
        var store = cluster.Target().Store;
        var other = cluster.Target(lease: FastLease with { HolderPrefix = "build-agent-7/4242" }).Store;

        var (held, _) = await store.TryLockAsync(App, Ct);
        Assert.NotNull(held);
        await Task.Delay(FastLease.Duration + TimeSpan.FromSeconds(1), Ct);
        var (refused, owner) = await other.TryLockAsync(App, Ct);

        Assert.Null(refused);
        Assert.Equal(Environment.ProcessId, owner!.ProcessId);
        Assert.Equal(Environment.MachineName, owner.Host);
        var lease = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(ClusterRolloutStateStore.LeaseName(App), cluster.Namespace, cancellationToken: Ct);
        Assert.StartsWith($"{Environment.MachineName}/{Environment.ProcessId}/", lease.Spec.HolderIdentity, StringComparison.Ordinal);
        Assert.True(lease.Spec.RenewTime > lease.Spec.AcquireTime, "the holder renews the Lease while it runs");
        await held.DisposeAsync();
        var (taken, _) = await other.TryLockAsync(App, Ct);
        Assert.NotNull(taken);
        Assert.Equal(4242, (await store.GetLockOwnerAsync(App, Ct))!.ProcessId);
        await taken.DisposeAsync();
        Assert.Null(await store.GetLockOwnerAsync(App, Ct));
    }

    [Fact]
    public async Task TryLock_HolderStoppedRenewing_LeaseExpiresAndIsTakenOver()
    {
        await using var cluster = await StartAsync(Ct);
        var lease = new k8s.Models.V1Lease
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = ClusterRolloutStateStore.LeaseName(App) },
            Spec = new k8s.Models.V1LeaseSpec
            {
                HolderIdentity = "dead-host/99/abc", LeaseDurationSeconds = 2,
                AcquireTime = DateTime.UtcNow.AddSeconds(-1), RenewTime = DateTime.UtcNow.AddSeconds(-1),
            },
        };
        await cluster.Client.CoordinationV1.CreateNamespacedLeaseAsync(lease, cluster.Namespace, cancellationToken: Ct);
        var store = cluster.Target().Store;

        var (early, owner) = await store.TryLockAsync(App, Ct);
        Assert.Null(early);
        Assert.Equal(("dead-host", 99), (owner!.Host, owner.ProcessId));
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        var (late, _) = await store.TryLockAsync(App, Ct);

        Assert.NotNull(late);
        var taken = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(ClusterRolloutStateStore.LeaseName(App), cluster.Namespace, cancellationToken: Ct);
        Assert.Equal(1, taken.Spec.LeaseTransitions);
        await late.DisposeAsync();
    }

    [Fact]
    public async Task Commands_PostedByTwoStoresAtOnce_AreAllTakenInOrderOnce()
    {
        await using var cluster = await StartAsync(Ct);
        var stores = Enumerable.Range(0, 4).Select(_ => cluster.Target().Store).ToList();
        var start = DateTimeOffset.UtcNow;

        await Task.WhenAll(stores.Select((s, i) => s.PostCommandAsync(App, new RolloutCommand(RolloutCommandKind.Promote, start.AddMilliseconds(i), $"c{i}"), Ct)));
        var taken = await stores[0].TakeCommandsAsync(App, Ct);

        Assert.Equal(["c0", "c1", "c2", "c3"], taken.Select(c => c.Reason));
        Assert.Empty(await stores[1].TakeCommandsAsync(App, Ct));
    }
}
