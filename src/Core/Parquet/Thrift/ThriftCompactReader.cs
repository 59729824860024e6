using System.Text;

namespace Ember.Parquet.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from untrusted bytes. Every length and count is checked
/// against the bytes that remain, varints are capped at 10 bytes and nesting at
/// <see cref="MaxDepth"/>, so a corrupt footer ends in a <see cref="ParquetDataException"/>,
/// never a hang, an IndexOutOfRange or a huge allocation.
/// </summary>
internal ref struct ThriftCompactReader
{
    /// <summary>Parquet metadata nests about 6 deep; 64 leaves room and stops stack exhaustion.</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _buf;
    private int _pos;
    private int _depth;
    private short _lastFieldId;
    private byte _pendingBool; // 0 none, 1 true, 2 false: bool fields carry their value in the type nibble

    public ThriftCompactReader(ReadOnlySpan<byte> buffer)
    {
        _buf = buffer;
        _pos = 0;
    }

    public readonly int Position => _pos;

    public readonly int Remaining => _buf.Length - _pos;

    public short BeginStruct()
    {
        if (++_depth > MaxDepth)
            ParquetThrow.Data($"thrift structures nest deeper than {MaxDepth} levels");
        short saved = _lastFieldId;
        _lastFieldId = 0;
        return saved;
    }

    public void EndStruct(short saved)
    {
        _depth--;
        _lastFieldId = saved;
    }

    /// <summary>Reads the next field header; returns false at the struct's stop byte.</summary>
    public bool ReadFieldHeader(out ThriftType type, out short id)
    {
        byte b = ReadByte();
        if (b == 0)
        {
            type = ThriftType.Stop;
            id = 0;
            return false;
        }
        type = (ThriftType)(b & 0x0F);
        int delta = b >> 4;
        id = delta != 0 ? (short)(_lastFieldId + delta) : ReadI16();
        _lastFieldId = id;
        if (type is ThriftType.BoolTrue or ThriftType.BoolFalse)
            _pendingBool = (byte)type;
        else if (type > ThriftType.Struct)
            ParquetThrow.Data($"thrift field {id} has unknown type code {(int)type} at offset {_pos - 1}");
        return true;
    }

    public bool ReadBool()
    {
        if (_pendingBool != 0)
        {
            bool value = _pendingBool == (byte)ThriftType.BoolTrue;
            _pendingBool = 0;
            return value;
        }
        return ReadByte() == 1; // inside lists a bool is one byte: 1 true, 0 or 2 false
    }

    public byte ReadByte()
    {
        if (_pos >= _buf.Length)
            ParquetThrow.Data($"thrift data ends unexpectedly at offset {_pos}");
        return _buf[_pos++];
    }

    public short ReadI16()
    {
        int v = ZigZag32(ReadVarint32());
        if (v is < short.MinValue or > short.MaxValue)
            ParquetThrow.Data($"thrift i16 value {v} out of range at offset {_pos}");
        return (short)v;
    }

    public int ReadI32() => ZigZag32(ReadVarint32());

    public long ReadI64()
    {
        ulong v = ReadVarint64();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    public double ReadDouble()
    {
        if (Remaining < 8)
            ParquetThrow.Truncated("thrift double", 8, Remaining);
        double d = BitConverter.ToDouble(_buf.Slice(_pos, 8));
        _pos += 8;
        return d;
    }

    public ReadOnlySpan<byte> ReadBinarySpan()
    {
        uint len = ReadVarint32();
        if (len > (uint)Remaining)
            ParquetThrow.Data($"thrift binary at offset {_pos} declares {len} bytes but only {Remaining} remain");
        var span = _buf.Slice(_pos, (int)len);
        _pos += (int)len;
        return span;
    }

    public byte[] ReadBinary() => ReadBinarySpan().ToArray();

    public string ReadString() => Encoding.UTF8.GetString(ReadBinarySpan());

    /// <summary>Reads a list header; the count is checked against the bytes left (each element takes at least one byte).</summary>
    public int ReadListHeader(out ThriftType elementType)
    {
        byte b = ReadByte();
        elementType = (ThriftType)(b & 0x0F);
        uint size = (uint)(b >> 4);
        if (size == 15)
            size = ReadVarint32();
        if (size > (uint)Remaining)
            ParquetThrow.Data($"thrift list at offset {_pos} declares {size} elements but only {Remaining} bytes remain");
        return (int)size;
    }

    public void Skip(ThriftType type)
    {
        if (++_depth > MaxDepth)
            ParquetThrow.Data($"thrift structures nest deeper than {MaxDepth} levels");
        switch (type)
        {
            case ThriftType.BoolTrue:
            case ThriftType.BoolFalse:
                ReadBool();
                break;
            case ThriftType.Byte: ReadByte(); break;
            case ThriftType.I16:
            case ThriftType.I32:
            case ThriftType.I64: ReadVarint64(); break;
            case ThriftType.Double: ReadDouble(); break;
            case ThriftType.Binary: ReadBinarySpan(); break;
            case ThriftType.List:
            case ThriftType.Set:
                {
                    int n = ReadListHeader(out var et);
                    for (int i = 0; i < n; i++)
                        SkipElement(et);
                    break;
                }
            case ThriftType.Map:
                {
                    uint n = ReadVarint32();
                    if (n > (uint)Remaining)
                        ParquetThrow.Data($"thrift map declares {n} entries but only {Remaining} bytes remain");
                    if (n > 0)
                    {
                        byte kv = ReadByte();
                        for (uint i = 0; i < n; i++)
                        {
                            SkipElement((ThriftType)(kv >> 4));
                            SkipElement((ThriftType)(kv & 0x0F));
                        }
                    }
                    break;
                }
            case ThriftType.Struct:
                {
                    short saved = BeginStruct();
                    while (ReadFieldHeader(out var ft, out _))
                        Skip(ft);
                    EndStruct(saved);
                    break;
                }
            default:
                ParquetThrow.Data($"thrift value has unknown type code {(int)type} at offset {_pos}");
                break;
        }
        _depth--;
    }

    private void SkipElement(ThriftType type)
    {
        // Inside containers booleans are a full byte; type 2 is what most writers use for bool elements.
        if (type is ThriftType.BoolTrue or ThriftType.BoolFalse)
            ReadByte();
        else
            Skip(type);
    }

    public uint ReadVarint32()
    {
        ulong v = ReadVarint64();
        if (v > uint.MaxValue)
            ParquetThrow.Data($"thrift varint {v} overflows 32 bits at offset {_pos}");
        return (uint)v;
    }

    public ulong ReadVarint64()
    {
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= _buf.Length)
                ParquetThrow.Data($"thrift varint runs past the end of the data at offset {_pos}");
            byte b = _buf[_pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
        return ParquetThrow.Data<ulong>($"thrift varint longer than 10 bytes at offset {_pos}");
    }

    private static int ZigZag32(uint v) => (int)(v >> 1) ^ -(int)(v & 1);
}
