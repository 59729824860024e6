using System.Buffers.Binary;

namespace Ember.MLeap;

/// <summary>
/// The few protobuf wire-format reads the MLeap tree messages need (varint, fixed64, length-
/// delimited), bounds-checked: truncated or overlong input returns false instead of reading on.
/// Written by hand rather than with Google.Protobuf: three tiny messages do not justify generated
/// code and a package in the native build.
/// </summary>
internal ref struct ProtobufWireReader
{
    public const int WireVarint = 0, WireFixed64 = 1, WireLengthDelimited = 2, WireFixed32 = 5;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public ProtobufWireReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _buffer.Length;

    public bool TryReadTag(out int field, out int wireType)
    {
        field = wireType = 0;
        if (!TryReadVarint(out ulong tag) || tag >> 3 is 0 or > int.MaxValue)
            return false;
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && _position < _buffer.Length; shift += 7)
        {
            byte b = _buffer[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return true;
        }
        return false;
    }

    public bool TryReadDouble(out double value)
    {
        value = 0;
        if (_buffer.Length - _position < 8)
            return false;
        value = BinaryPrimitives.ReadDoubleLittleEndian(_buffer.Slice(_position, 8));
        _position += 8;
        return true;
    }

    public bool TryReadBytes(out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (!TryReadVarint(out ulong length) || length > (ulong)(_buffer.Length - _position))
            return false;
        bytes = _buffer.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }

    /// <summary>Skips a field this reader does not use.</summary>
    public bool TrySkip(int wireType)
    {
        switch (wireType)
        {
            case WireVarint:
                return TryReadVarint(out _);
            case WireFixed64:
                return TryAdvance(8);
            case WireLengthDelimited:
                return TryReadBytes(out _);
            case WireFixed32:
                return TryAdvance(4);
            default:
                return false; // groups are not used by MLeap's messages
        }
    }

    private bool TryAdvance(int count)
    {
        if (_buffer.Length - _position < count)
            return false;
        _position += count;
        return true;
    }
}
