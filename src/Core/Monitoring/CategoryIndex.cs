using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ember.Monitoring;

/// <summary>
/// String → index lookup for the scoring path: open addressing over a power-of-two table, hashed
/// from the length and the first and last four characters (one multiply), compared ordinally.
/// About half the cost of a Dictionary lookup for short category strings, which is most of what
/// profiling a categorical column costs. The table holds few keys (a baseline's values plus a
/// capped number learned) and stays at most one-quarter full, so probe sequences are short.
/// </summary>
internal sealed class CategoryIndex
{
    private string?[] _keys;
    private int[] _values;
    private int _mask;

    public CategoryIndex(int capacity)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 4));
        _keys = new string?[size];
        _values = new int[size];
        _mask = size - 1;
    }

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(string key, out int value)
    {
        var keys = _keys;
        int slot = Hash(key) & _mask;
        while (true)
        {
            var k = keys[slot];
            if (k is null)
            {
                value = -1;
                return false;
            }
            if (ReferenceEquals(k, key) || (k.Length == key.Length && string.Equals(k, key, StringComparison.Ordinal)))
            {
                value = _values[slot];
                return true;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Adds a key that is not present yet.</summary>
    public void Add(string key, int value)
    {
        if ((Count + 1) * 4 > _keys.Length)
            Grow();
        Insert(_keys, _values, _mask, key, value);
        Count++;
    }

    private static void Insert(string?[] keys, int[] values, int mask, string key, int value)
    {
        int slot = Hash(key) & mask;
        while (keys[slot] is not null)
            slot = (slot + 1) & mask;
        keys[slot] = key;
        values[slot] = value;
    }

    private void Grow()
    {
        var keys = new string?[_keys.Length * 2];
        var values = new int[keys.Length];
        int mask = keys.Length - 1;
        for (int i = 0; i < _keys.Length; i++)
            if (_keys[i] is { } k)
                Insert(keys, values, mask, k, _values[i]);
        (_keys, _values, _mask) = (keys, values, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(string s)
    {
        ulong h;
        if (s.Length >= 4)
        {
            ref char first = ref MemoryMarshal.GetReference(s.AsSpan());
            ulong head = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref first));
            ulong tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref first, s.Length - 4)));
            h = head ^ BitOperations.RotateLeft(tail, 29) ^ (ulong)s.Length;
        }
        else
        {
            h = (ulong)s.Length;
            foreach (char c in s)
                h = (h << 16) | c;
        }
        h *= 0x9E3779B97F4A7C15UL;
        return (int)(h >> 35);
    }
}
