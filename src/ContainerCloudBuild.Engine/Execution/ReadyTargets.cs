using ContainerCloudBuild.Engine.Planning;

namespace ContainerCloudBuild.Engine.Execution;

/// <summary>
/// The executor's schedule: which planned targets have every target they wait for finished (E1),
/// earliest in plan order first. Each target counts its unfinished predecessors and each finish
/// counts down its successors, so scheduling a plan costs time linear in its targets and edges.
/// </summary>
internal sealed class ReadyTargets
{
    private readonly IReadOnlyList<PlannedTarget> _targets;
    private readonly Dictionary<string, int> _position = new(StringComparer.OrdinalIgnoreCase);
    private readonly int[] _unfinished;
    private readonly List<int>[] _successors;
    private readonly PriorityQueue<int, int> _ready = new();

    public ReadyTargets(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _targets = plan.Targets;
        _unfinished = new int[_targets.Count];
        _successors = new List<int>[_targets.Count];
        for (var i = 0; i < _targets.Count; i++)
        {
            if (!_position.TryAdd(_targets[i].Name, i))
                throw new ArgumentException($"The plan lists '{_targets[i].Name}' twice.", nameof(plan));
            _successors[i] = [];
        }

        for (var i = 0; i < _targets.Count; i++)
        {
            foreach (var edge in _targets[i].WaitsFor)
            {
                if (!_position.TryGetValue(edge.From, out var from))
                    throw new ArgumentException($"'{_targets[i].Name}' waits for '{edge.From}', which is not in the plan.", nameof(plan));
                _successors[from].Add(i);
                _unfinished[i]++;
            }
        }

        for (var i = 0; i < _targets.Count; i++)
            if (_unfinished[i] == 0) _ready.Enqueue(i, i);
    }

    /// <summary>Takes the earliest planned target that is ready; false when none is.</summary>
    public bool TryTake(out PlannedTarget target)
    {
        if (_ready.TryDequeue(out var i, out _))
        {
            target = _targets[i];
            return true;
        }

        target = null!;
        return false;
    }

    /// <summary>Returns a taken target that could not start yet (no free slot); it is offered again in plan order.</summary>
    public void PutBack(PlannedTarget target) => Enqueue(_position[target.Name]);

    /// <summary>Records that a target has a result; targets waiting only for finished ones become ready.</summary>
    public void Finished(PlannedTarget target)
    {
        foreach (var successor in _successors[_position[target.Name]])
            if (--_unfinished[successor] == 0) Enqueue(successor);
    }

    private void Enqueue(int position) => _ready.Enqueue(position, position);
}
