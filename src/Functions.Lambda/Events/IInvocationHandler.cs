using Ember.Functions.Lambda.Runtime;

namespace Ember.Functions.Lambda.Events;

/// <summary>Turns one event into a result. Bad input is a result, never an exception.</summary>
internal interface IInvocationHandler
{
    /// <summary>
    /// The event's kind, told before the work starts so that a failure or overrun is still logged
    /// with it; Invalid with <paramref name="problem"/> saying what was expected.
    /// </summary>
    EventKind Classify(Invocation invocation, out string problem);

    /// <summary>Handles an event of a kind <see cref="Classify"/> returned (never Invalid).</summary>
    Task<InvocationResult> HandleAsync(Invocation invocation, EventKind kind, CancellationToken cancellationToken);
}
