using System.Buffers;
using System.Text;

namespace Ember.Parquet.Thrift;

/// <summary>Writes the Thrift compact protocol into a growable buffer (footer and page headers).</summary>
internal sealed class ThriftCompactWriter
{
    private readonly ArrayBufferWriter<byte> _out = new(256);
    private readonly Stack<short> _fieldIds = new();
    private short _lastFieldId;

    public ReadOnlySpan<byte> WrittenSpan => _out.WrittenSpan;

    public void Clear()
    {
        _out.Clear();
        _fieldIds.Clear();
        _lastFieldId = 0;
    }

    public void BeginStruct()
    {
        _fieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        WriteByte(0);
        _lastFieldId = _fieldIds.Pop();
    }

    public void FieldHeader(short id, ThriftType type)
    {
        int delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (int)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteVarint(ZigZag(id));
        }
        _lastFieldId = id;
    }

    public void FieldBool(short id, bool value) => FieldHeader(id, value ? ThriftType.BoolTrue : ThriftType.BoolFalse);

    public void FieldI32(short id, int value)
    {
        FieldHeader(id, ThriftType.I32);
        WriteVarint(ZigZag(value));
    }

    public void FieldI64(short id, long value)
    {
        FieldHeader(id, ThriftType.I64);
        WriteVarint(ZigZag(value));
    }

    public void FieldBinary(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, ThriftType.Binary);
        Binary(value);
    }

    public void FieldString(short id, string value)
    {
        FieldHeader(id, ThriftType.Binary);
        Binary(Encoding.UTF8.GetBytes(value));
    }

    public void FieldStruct(short id) => FieldHeader(id, ThriftType.Struct);

    public void FieldList(short id, ThriftType elementType, int count)
    {
        FieldHeader(id, ThriftType.List);
        ListHeader(elementType, count);
    }

    public void ListHeader(ThriftType elementType, int count)
    {
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (int)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (int)elementType));
            WriteVarint((ulong)count);
        }
    }

    public void I32(int value) => WriteVarint(ZigZag(value));

    public void String(string value) => Binary(Encoding.UTF8.GetBytes(value));

    public void Binary(ReadOnlySpan<byte> value)
    {
        WriteVarint((ulong)value.Length);
        value.CopyTo(_out.GetSpan(value.Length));
        _out.Advance(value.Length);
    }

    public void RawByte(byte b) => WriteByte(b);

    private void WriteByte(byte b)
    {
        _out.GetSpan(1)[0] = b;
        _out.Advance(1);
    }

    private void WriteVarint(ulong v)
    {
        var span = _out.GetSpan(10);
        int n = 0;
        while (v >= 0x80)
        {
            span[n++] = (byte)(v | 0x80);
            v >>= 7;
        }
        span[n++] = (byte)v;
        _out.Advance(n);
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));
}
