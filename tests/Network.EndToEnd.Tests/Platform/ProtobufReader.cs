namespace Network.EndToEnd.Tests.Platform;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP trace exports: a field is a varint key
/// (field number and wire type) followed by a varint, a fixed-width number, or a length-prefixed
/// run of bytes (strings, bytes and nested messages).
/// </summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> buffer = buffer;
    private int position;

    public bool TryReadField(out int fieldNumber, out int wireType)
    {
        if (position >= buffer.Length)
        {
            fieldNumber = 0;
            wireType = 0;
            return false;
        }

        var key = ReadVarint();
        fieldNumber = (int)(key >> 3);
        wireType = (int)(key & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = buffer[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("Varint longer than 64 bits.");
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = (int)ReadVarint();
        var slice = buffer.Slice(position, length);
        position += length;
        return slice;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: position += 8; break;
            case 2: ReadLengthDelimited(); break;
            case 5: position += 4; break;
            default: throw new FormatException($"Unsupported wire type {wireType}.");
        }
    }
}
