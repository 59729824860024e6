using System.Buffers.Binary;

namespace Ember.Parquet.Encodings;

/// <summary>
/// Decodes the RLE / bit-packed hybrid encoding used for levels, dictionary indices and RLE
/// booleans. Runs are validated against the bytes that remain; a run longer than the values
/// asked for is consumed across calls, so a declared run length never drives an allocation.
/// </summary>
internal ref struct RleBitPackedHybridDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bitWidth;
    private readonly int _byteWidth;
    private int _pos;
    private int _rleRemaining;
    private int _rleValue;
    private int _packedRemaining; // values left in the current bit-packed run
    private int _packedBitOffset; // bit offset into _data of the next packed value

    public RleBitPackedHybridDecoder(ReadOnlySpan<byte> data, int bitWidth)
    {
        if (bitWidth is < 0 or > 32)
            ParquetThrow.Data($"RLE bit width {bitWidth} is outside 0..32");
        _data = data;
        _bitWidth = bitWidth;
        _byteWidth = (bitWidth + 7) / 8;
    }

    /// <summary>Bytes consumed so far (meaningful once the runs have been read).</summary>
    public readonly int Position => _packedRemaining > 0 ? (_packedBitOffset + 7) / 8 : _pos;

    /// <summary>Fills all of <paramref name="dest"/>; throws when the data ends first.</summary>
    public void ReadExactly(Span<int> dest)
    {
        int done = 0;
        while (done < dest.Length)
        {
            if (_rleRemaining > 0)
            {
                int n = Math.Min(_rleRemaining, dest.Length - done);
                dest.Slice(done, n).Fill(_rleValue);
                _rleRemaining -= n;
                done += n;
            }
            else if (_packedRemaining > 0)
            {
                int n = Math.Min(_packedRemaining, dest.Length - done);
                UnpackBits(dest.Slice(done, n));
                _packedRemaining -= n;
                done += n;
                if (_packedRemaining == 0)
                    _pos = (_packedBitOffset + 7) / 8;
            }
            else if (!NextRun())
            {
                ParquetThrow.Data($"RLE/bit-packed data ends after {done} of {dest.Length} values");
            }
        }
    }

    private bool NextRun()
    {
        if (_pos >= _data.Length)
            return false;
        ulong header = 0;
        int shift = 0;
        while (true)
        {
            if (_pos >= _data.Length || shift > 35)
                ParquetThrow.Data("RLE run header is truncated or too long");
            byte b = _data[_pos++];
            header |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) break;
            shift += 7;
        }
        if ((header & 1) == 1)
        {
            ulong groups = header >> 1;
            long values = (long)groups * 8;
            if (groups == 0)
                return NextRun();
            // The last bit-packed run may stop short of its final group: missing bytes read as zero.
            long bytesNeeded = (long)groups * _bitWidth;
            long bytesLeft = _data.Length - _pos;
            if (bytesNeeded > bytesLeft)
            {
                if (_bitWidth == 0)
                    ParquetThrow.Data("bit-packed run with bit width 0");
                values = Math.Min(values, bytesLeft * 8 / _bitWidth);
                if (values == 0)
                    ParquetThrow.Data($"bit-packed run declares {groups} groups but only {bytesLeft} bytes remain");
            }
            _packedRemaining = (int)Math.Min(values, int.MaxValue);
            _packedBitOffset = _pos * 8;
            _pos += (int)Math.Min(bytesNeeded, bytesLeft);
        }
        else
        {
            ulong count = header >> 1;
            if (count == 0)
                return NextRun();
            if (_byteWidth > _data.Length - _pos)
                ParquetThrow.Data("RLE run value is truncated");
            int value = 0;
            for (int i = 0; i < _byteWidth; i++)
                value |= _data[_pos + i] << (8 * i);
            _pos += _byteWidth;
            _rleValue = value;
            _rleRemaining = (int)Math.Min(count, int.MaxValue);
        }
        return true;
    }

    private void UnpackBits(Span<int> dest)
    {
        int width = _bitWidth;
        if (width == 0)
        {
            dest.Clear();
            return;
        }
        ulong mask = width == 32 ? uint.MaxValue : (1UL << width) - 1;
        long bit = _packedBitOffset;
        var data = _data;
        for (int i = 0; i < dest.Length; i++)
        {
            int byteIndex = (int)(bit >> 3);
            int shift = (int)(bit & 7);
            ulong word;
            if (byteIndex + 8 <= data.Length)
            {
                word = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(byteIndex));
            }
            else
            {
                word = 0;
                for (int k = 0; byteIndex + k < data.Length && k < 8; k++)
                    word |= (ulong)data[byteIndex + k] << (8 * k);
            }
            dest[i] = (int)((word >> shift) & mask);
            bit += width;
        }
        _packedBitOffset = (int)bit;
    }
}
