using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Abstractions.Resilience;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images;

/// <summary>
/// Tags and pushes images through the Docker engine. Credentials travel only in the
/// <c>X-Registry-Auth</c> header of the engine API call: never on a command line, never logged.
/// Transient failures (registry down, timeouts, 5xx, 429) are retried per <see cref="RetryOptions"/>
/// (by default 4 attempts, waits from about 1 s up to 30 s, with jitter).
/// </summary>
public sealed partial class DockerImagePusher(
    IDockerClient docker, ILogger<DockerImagePusher> logger, TimeProvider timeProvider, RetryOptions? retry = null)
{
    /// <summary>The retries used when none are given.</summary>
    public static RetryOptions DefaultRetry { get; } = new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };

    private readonly RetryOptions _retry = retry ?? DefaultRetry;

    /// <summary>Adds the tag <paramref name="target"/> to the local image <paramref name="sourceImage"/> (id or reference).</summary>
    public async Task TagAsync(string sourceImage, ImageReference target, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceImage);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Tag is null)
            throw new ArgumentException($"Cannot tag '{sourceImage}' as '{target}': the target needs a tag.", nameof(target));
        try
        {
            await docker.Images.TagImageAsync(sourceImage, new ImageTagParameters { RepositoryName = target.Name, Tag = target.Tag }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            throw new ImagePushException($"Cannot tag '{sourceImage}' as '{target}' ({(int)ex.StatusCode}): {ex.ResponseBody?.Trim()}", ex);
        }
    }

    /// <summary>
    /// Pushes <paramref name="image"/> (which must have a tag) and returns it with the digest the
    /// registry stored, ready to deploy by digest.
    /// </summary>
    /// <exception cref="ImagePushAuthenticationException">The registry refused the credentials.</exception>
    /// <exception cref="ImagePushException">The push failed permanently or after all retries.</exception>
    public async Task<ImageReference> PushAsync(ImageReference image, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Tag is null)
            throw new ArgumentException($"Cannot push '{image}': a tag is needed (use image.WithTag(...)).", nameof(image));
        if (credentials is not null && !string.Equals(credentials.Registry, image.Registry, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                $"Credentials for registry '{credentials.Registry}' cannot be used to push '{image}' to registry '{image.Registry}'.", nameof(credentials));

        var auth = credentials is null
            ? new AuthConfig()
            : new AuthConfig { Username = credentials.Username, Password = credentials.Password, ServerAddress = credentials.Registry };
        var attempts = 0;
        (string? Digest, string? Error) latest = default;
        var pipeline = RetryPipelines.Create<(string? Digest, string? Error)>(_retry, outcome => outcome.Result.Error is not null, timeProvider,
            retry => LogRetry(logger, image.ToString(), retry.FailedAttempt, retry.MaxAttempts, latest.Error ?? "", retry.Delay));
        var last = await pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            latest = await TryPushAsync(image, auth, token).ConfigureAwait(false);
            if (latest.Error is { } message)
                ThrowIfPermanent(image, credentials, message, attempts);
            return latest;
        }, cancellationToken).ConfigureAwait(false);

        if (last.Digest is { } digest)
        {
            LogPushed(logger, image.ToString(), digest);
            return image.WithDigest(digest);
        }
        throw new ImagePushException(
            $"Pushing '{image}' to registry {image.Registry} failed after {attempts} attempts: {last.Error}. Check that the registry is running and reachable from the Docker engine.",
            image.Registry, attempts);
    }

    private static void ThrowIfPermanent(ImageReference image, RegistryCredentials? credentials, string message, int attempts)
    {
        if (message.Contains("does not exist locally", StringComparison.OrdinalIgnoreCase))
            throw new ImagePushException($"Cannot push '{image}': no such image in the Docker engine. Build or tag it first. ({message})", image.Registry, attempts);
        switch (PushFailureKind.Classify(message))
        {
            case PushFailureKind.Kind.Unauthorized:
                throw Unauthorized(image, credentials, message);
            case PushFailureKind.Kind.Permanent:
                throw new ImagePushException($"Pushing '{image}' to registry {image.Registry} failed: {message}", image.Registry, attempts);
        }
    }

    private async Task<(string? Digest, string? Error)> TryPushAsync(ImageReference image, AuthConfig auth, CancellationToken cancellationToken)
    {
        var progress = new PushProgress(logger);
        try
        {
            await docker.Images.PushImageAsync(image.Name, new ImagePushParameters { Tag = image.Tag }, auth, progress, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException ex)
        {
            throw new ImagePushException($"Cannot push '{image}': no such image in the Docker engine. Build or tag it first.", image.Registry, 1, ex);
        }
        catch (DockerApiException ex)
        {
            if (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
                throw new ImagePushException($"Cannot push '{image}': no such image in the Docker engine. Build or tag it first.", image.Registry, 1, ex);
            return (null, $"engine answered {(int)ex.StatusCode}: {ex.ResponseBody?.Trim()}");
        }
        if (progress.Error is { } error)
            return (null, error);
        return progress.Digest is { } digest
            ? (digest, null)
            : (null, "the engine finished the push without reporting a digest");
    }

    private static ImagePushAuthenticationException Unauthorized(ImageReference image, RegistryCredentials? credentials, string message) =>
        credentials is null
            ? new ImagePushAuthenticationException(
                $"Registry {image.Registry} requires authentication to push '{image}', but no credentials were given: {message}", image.Registry, null)
            : new ImagePushAuthenticationException(
                $"Registry {image.Registry} refused user '{credentials.Username}' pushing '{image}': {message}. Check the username and password (or robot secret) for {image.Registry}.",
                image.Registry, credentials.Username);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pushed {Image} as {Digest}")]
    private static partial void LogPushed(ILogger logger, string image, string digest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push of {Image} failed (attempt {Attempt}/{MaxAttempts}): {Error}; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string image, int attempt, int maxAttempts, string error, TimeSpan delay);
}
