using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.Kubernetes.State;

/// <summary>
/// An application's rollout lock as a <c>coordination.k8s.io/v1</c> Lease: taken when free or expired (holder identity,
/// acquire and renew time written with optimistic concurrency), renewed in the background while held, released on
/// dispose. A killed holder stops renewing, so its Lease expires and the next process takes it over.
/// </summary>
internal sealed class LeaseLock : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly string _ns;
    private readonly string _name;
    private readonly string _identity;
    private readonly LeaseSettings _settings;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private LeaseLock(IKubernetes client, string ns, string name, string identity, LeaseSettings settings, TimeProvider time)
    {
        (_client, _ns, _name, _identity, _settings, _time) = (client, ns, name, identity, settings, time);
        _renewal = RenewAsync(_stop.Token);
    }

    /// <summary>True once another process took the Lease over (this one failed to renew it in time).</summary>
    public bool Lost { get; private set; }

    public static async Task<(IAsyncDisposable? Lock, LockOwner? Owner)> TryAcquireAsync(
        IKubernetes client, string ns, string name, LeaseSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var identity = $"{settings.HolderPrefix}/{Guid.NewGuid().ToString("N")[..8]}";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var lease = await ReadAsync(client, ns, name, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow().UtcDateTime;
            try
            {
                if (lease is null)
                {
                    lease = new V1Lease { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Spec = new V1LeaseSpec() };
                    Hold(lease, identity, settings, now);
                    await client.CoordinationV1.CreateNamespacedLeaseAsync(lease, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else if (IsHeld(lease, now))
                {
                    return (null, OwnerOf(lease));
                }
                else
                {
                    lease.Spec.LeaseTransitions = (lease.Spec.LeaseTransitions ?? 0) + 1;
                    Hold(lease, identity, settings, now);
                    await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                return (new LeaseLock(client, ns, name, identity, settings, time), null);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
                // Another process created or took it between the read and the write: read again.
            }
        }
        var current = await ReadAsync(client, ns, name, cancellationToken).ConfigureAwait(false);
        return (null, current is null ? null : OwnerOf(current));
    }

    /// <summary>The holder of an unexpired Lease, or null.</summary>
    public static async Task<LockOwner?> GetOwnerAsync(IKubernetes client, string ns, string name, TimeProvider time, CancellationToken cancellationToken) =>
        await ReadAsync(client, ns, name, cancellationToken).ConfigureAwait(false) is { } lease && IsHeld(lease, time.GetUtcNow().UtcDateTime) ? OwnerOf(lease) : null;

    private static void Hold(V1Lease lease, string identity, LeaseSettings settings, DateTime now)
    {
        lease.Spec.HolderIdentity = identity;
        lease.Spec.LeaseDurationSeconds = Math.Max(1, (int)Math.Ceiling(settings.Duration.TotalSeconds));
        lease.Spec.AcquireTime = now;
        lease.Spec.RenewTime = now;
    }

    private static bool IsHeld(V1Lease lease, DateTime now) =>
        lease.Spec?.HolderIdentity is { Length: > 0 } && lease.Spec.RenewTime is { } renewed
        && DateTime.SpecifyKind(renewed, DateTimeKind.Utc).AddSeconds(lease.Spec.LeaseDurationSeconds ?? 0) > now;

    /// <summary><c>host/pid/random</c> as the core's owner; another holder's identity is shown whole as the host.</summary>
    internal static LockOwner OwnerOf(V1Lease lease)
    {
        var identity = lease.Spec.HolderIdentity ?? "";
        var parts = identity.Split('/');
        var acquired = lease.Spec.AcquireTime is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
        return parts.Length == 3 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            ? new LockOwner(pid, acquired, parts[0])
            : new LockOwner(0, acquired, identity);
    }

    private static async Task<V1Lease?> ReadAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!Lost)
            {
                await Task.Delay(_settings.RenewInterval, _time, cancellationToken).ConfigureAwait(false);
                await ChangeAsync(lease => lease.Spec.RenewTime = _time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Applies <paramref name="change"/> to the Lease while this process holds it; a lost Lease is left alone.</summary>
    private async Task ChangeAsync(Action<V1Lease> change, CancellationToken cancellationToken)
    {
        try
        {
            var lease = await ReadAsync(_client, _ns, _name, cancellationToken).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != _identity)
            {
                Lost = true;
                return;
            }
            change(lease);
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _name, _ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException)
        {
            // A conflict or an API hiccup: the next renewal tries again (the Lease lasts several renew intervals).
        }
        catch (HttpRequestException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        _stop.Dispose();
        if (!Lost)
            await ChangeAsync(lease => { lease.Spec.HolderIdentity = null; lease.Spec.RenewTime = null; }, CancellationToken.None).ConfigureAwait(false);
    }
}
