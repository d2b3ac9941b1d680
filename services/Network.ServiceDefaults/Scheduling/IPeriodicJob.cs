namespace Network.ServiceDefaults.Scheduling;

/// <summary>
/// A unit of work a service repeats on an interval (send due reminders, expire old listings).
/// A pass must be safe to run on several instances at once and again after a crash: claim the
/// rows it works on in the database (an UPDATE ... WHERE not done yet ... RETURNING, or
/// FOR UPDATE SKIP LOCKED) in the same transaction as what it does with them.
/// </summary>
public interface IPeriodicJob
{
    /// <summary>Does one pass over whatever is due now; returns how many items it handled (for the log).</summary>
    Task<int> RunOnceAsync(CancellationToken cancellationToken);
}
