using System.Collections.Concurrent;

namespace Crm.Credit.Services;

/// <summary>What a grading run shows while it works and when it is done: state, progress and, at the end, its summary.</summary>
public sealed record GradingJobView(
    Guid Id, string BranchId, string Period, string State, GradingJobProgress Progress, DateTimeOffset RequestedAt, string RequestedBy,
    DateTimeOffset? FinishedAt, GradingRunSummary? Summary, string? Error);

public sealed record GradingJobProgress(int Done, int Total);

/// <summary>
/// Grading runs (客户等级评估) as background jobs: a run is accepted at once and works in its own scope, one per branch
/// and period at a time in this process. Its state lives here while the process lives; what it wrote is committed chunk
/// by chunk by <see cref="GradingService"/>, so a run lost with the process is simply run again: the grades already
/// written are found unchanged and nothing is written or published twice.
/// </summary>
public sealed class GradingJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<GradingJobs> logger)
{
    public const string Queued = "queued", Running = "running", Completed = "completed", Failed = "failed";

    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();
    private readonly Lock _starting = new();

    private sealed class Job(Guid id, string branchId, string period, DateTimeOffset requestedAt, string requestedBy)
    {
        public Guid Id { get; } = id;
        public string BranchId { get; } = branchId;
        public string Period { get; } = period;
        public volatile string State = Queued;
        public int Done;
        public int Total;
        public DateTimeOffset? FinishedAt;
        public GradingRunSummary? Summary;
        public string? Error;
        public Task Work = Task.CompletedTask;

        public GradingJobView View() => new(Id, BranchId, Period, State, new GradingJobProgress(Volatile.Read(ref Done), Volatile.Read(ref Total)),
            requestedAt, requestedBy, FinishedAt, Summary, Error);
    }

    /// <summary>Starts a run, or refuses (409) while another run of the same branch and period is queued or running.</summary>
    public GradingJobView Start(string branchId, YearMonth period, string runBy, string runByName)
    {
        Job job;
        lock (_starting)
        {
            var busy = _jobs.Values.FirstOrDefault(j => j.BranchId == branchId && j.Period == period.ToString() && j.State is Queued or Running);
            if (busy is not null)
                throw new ConflictException(
                    $"分公司 {branchId} 的 {period} 客户等级评估正在进行（{busy.Id}）。Grading of branch {branchId} for {period} is already under way: run {busy.Id}.",
                    "Grading run under way.");
            job = new Job(Guid.CreateVersion7(), branchId, period.ToString(), clock.GetUtcNow(), runBy);
            _jobs[job.Id] = job;
        }
        // The run belongs to no request: it must not see the caller's HttpContext (its branch filter) or its cancellation.
        using (ExecutionContext.SuppressFlow())
            job.Work = Task.Run(() => RunAsync(job, period, runBy, runByName));
        return job.View();
    }

    /// <summary>A run of the caller's branch; another branch's run is not found.</summary>
    public GradingJobView? Find(Guid id, string? branchId) =>
        _jobs.TryGetValue(id, out var job) && job.BranchId == branchId ? job.View() : null;

    /// <summary>Waits for every run started so far (tests, shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_jobs.Values.Select(j => j.Work));

    private async Task RunAsync(Job job, YearMonth period, string runBy, string runByName)
    {
        try
        {
            job.State = Running;
            // Off the request: the run acts for the branch it grades, declared by name.
            await using var scope = scopes.CreateBranchScope(job.BranchId, "grading run");
            var grading = scope.ServiceProvider.GetRequiredService<GradingService>();
            var summary = await grading.RunAsync(job.BranchId, period, runBy, runByName, CancellationToken.None,
                (done, total) => { Volatile.Write(ref job.Total, total); Volatile.Write(ref job.Done, done); });
            job.Summary = summary;
            job.FinishedAt = clock.GetUtcNow();
            job.State = Completed;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Grading run {RunId} of branch {BranchId} for {Period} failed", job.Id, job.BranchId, job.Period);
            job.Error = e is CrmProblemException ? e.Message : "客户等级评估失败，请重新运行。The grading run failed; run it again (what it wrote stays, nothing is doubled).";
            job.FinishedAt = clock.GetUtcNow();
            job.State = Failed;
        }
    }
}
