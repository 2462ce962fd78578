namespace CcbService;

/// <summary>Ready once the server has started, not ready while it stops (so the router drains it first).</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;

    public void MarkNotReady() => _ready = false;
}
