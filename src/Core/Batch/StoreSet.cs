using Ember.Storage;

namespace Ember.Batch;

/// <summary>The stores one job touches, opened once per folder URI and disposed together.</summary>
internal sealed class StoreSet(Func<string, IObjectStore> open) : IDisposable
{
    private readonly Dictionary<string, IObjectStore> _stores = new(StringComparer.Ordinal);

    public IObjectStore For(string storeUri)
    {
        if (!_stores.TryGetValue(storeUri, out var store))
            _stores[storeUri] = store = open(storeUri);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores.Values)
            store.Dispose();
    }
}
