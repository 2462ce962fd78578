using ContainerCloudBuild.Kubernetes.Rollout;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Rollout;

public sealed class PodDiagnosisTests
{
    private static V1Pod Pod(V1ContainerStatus status, V1Probe? readiness = null, string? memoryLimit = null, V1PodCondition? condition = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "orders-7c-abcde" },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container
            {
                Name = "app", Image = "registry.example/orders:2", ReadinessProbe = readiness,
                Resources = memoryLimit is null ? null : new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(memoryLimit) } },
            }],
        },
        Status = new V1PodStatus { ContainerStatuses = [status], Conditions = condition is null ? null : [condition] },
    };

    private static V1ContainerStatus Status(V1ContainerState state, V1ContainerState? last = null, bool ready = false, int restarts = 0) =>
        new() { Name = "app", Image = "registry.example/orders:2", State = state, LastState = last, Ready = ready, RestartCount = restarts };

    [Fact]
    public void Diagnose_ImagePullBackOff_NamesImageAndPullError()
    {
        var pod = Pod(Status(new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image \"registry.example/orders:2\": not found" } }));
        var problem = Assert.Single(PodDiagnosis.Diagnose(pod));
        Assert.Equal(PodProblemKind.ImagePull, problem.Kind);
        Assert.Equal("ImagePullBackOff for image registry.example/orders:2: Back-off pulling image \"registry.example/orders:2\": not found", problem.Detail);
        Assert.True(problem.IsFatal);
    }

    [Fact]
    public void Diagnose_CrashLoopBackOff_NamesRestartsAndExitCode()
    {
        var pod = Pod(Status(new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = "back-off 20s restarting failed container" } },
            new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 3, Reason = "Error" } }, restarts: 4));
        var problem = Assert.Single(PodDiagnosis.Diagnose(pod));
        Assert.Equal((PodProblemKind.CrashLoop, "app"), (problem.Kind, problem.Container));
        Assert.Equal("CrashLoopBackOff, restarted 4 time(s), last exit code 3: back-off 20s restarting failed container", problem.Detail);
        Assert.True(problem.WantsLogs);
    }

    [Fact]
    public void Diagnose_OomKilled_NamesMemoryLimit()
    {
        var pod = Pod(Status(new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
            new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = "OOMKilled" } }, restarts: 2), memoryLimit: "64Mi");
        var problem = Assert.Single(PodDiagnosis.Diagnose(pod));
        Assert.Equal(PodProblemKind.OomKilled, problem.Kind);
        Assert.Equal("OOMKilled (memory limit 64Mi), restarted 2 time(s)", problem.Detail);
    }

    [Fact]
    public void Diagnose_RunningButUnready_DescribesTheProbe()
    {
        var probe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = 8080 }, PeriodSeconds = 5, TimeoutSeconds = 2, FailureThreshold = 3 };
        var pod = Pod(Status(new V1ContainerState { Running = new V1ContainerStateRunning() }), readiness: probe);
        var problem = Assert.Single(PodDiagnosis.Diagnose(pod));
        Assert.Equal(PodProblemKind.ReadinessFailing, problem.Kind);
        Assert.Equal("running but not ready: readiness probe HTTP GET :8080/healthz every 5s (timeout 2s, 3 failures)", problem.Detail);
        Assert.False(problem.IsFatal);
    }

    [Fact]
    public void Diagnose_Unschedulable_GivesSchedulerMessage()
    {
        var pod = Pod(Status(new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } }),
            condition: new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "0/3 nodes are available: 3 Insufficient cpu." });
        var problem = Assert.Single(PodDiagnosis.Diagnose(pod));
        Assert.Equal((PodProblemKind.Unschedulable, "Unschedulable: 0/3 nodes are available: 3 Insufficient cpu."), (problem.Kind, problem.Detail));
    }

    [Fact]
    public void Diagnose_ReadyContainer_HasNoProblem() =>
        Assert.Empty(PodDiagnosis.Diagnose(Pod(Status(new V1ContainerState { Running = new V1ContainerStateRunning() }, ready: true),
            readiness: new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 8080 } })));
}
