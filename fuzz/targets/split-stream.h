// The input of the HTTP fuzz targets: [settings byte] [cut points] [stream bytes]. The settings byte
// gives the number of cut points (low 4 bits), the header limit (bits 4-5) and the target's choice
// of body limit (bits 6-7); each cut point is a big-endian 16-bit offset into the stream, taken
// modulo its length. The stream is then fed in the pieces between the cuts, as socket reads would
// deliver it, and whole, and both must give the same messages (ParseBothWays).
#ifndef HANDSHAKE_FUZZ_SPLIT_STREAM_H
#define HANDSHAKE_FUZZ_SPLIT_STREAM_H

#include "fuzz-check.h"
#include "fuzz-input.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{
namespace handshake
{
namespace fuzz
{

struct SplitStream
{
    uint32_t headerLimit{0};
    uint8_t bodyLimitChoice{0}; //!< 0..3
    std::vector<size_t> cuts;
    const uint8_t* bytes{nullptr};
    size_t size{0};

    static SplitStream Decode(const uint8_t* data, size_t size)
    {
        FuzzInput in(data, size);
        SplitStream s;
        static const uint32_t HEADER_LIMITS[] = {8192, 64, 100000, 1024};
        uint8_t settings = in.U8();
        s.headerLimit = HEADER_LIMITS[(settings >> 4) & 3];
        s.bodyLimitChoice = settings >> 6;
        std::vector<uint16_t> raw(settings & 0x0f);
        for (auto& cut : raw)
        {
            cut = in.U16();
        }
        s.bytes = in.Rest(s.size);
        for (uint16_t cut : raw)
        {
            s.cuts.push_back(cut % (s.size + 1));
        }
        std::sort(s.cuts.begin(), s.cuts.end());
        return s;
    }

    /**
     * Calls \p feed(data, length) for each piece between the cuts (\p whole: one piece), then,
     * with \p endHeader, for an empty line that ends a header section (RFC 9112 2.1).
     *
     * Why endHeader: once Beast has asked for more of a header, it parses the header again only
     * when the header has ended (or reached its size limit). So an error in a header that never
     * ends shows when the stream comes whole and not when it comes in pieces; with the header
     * ended both ways, both must agree (SameEnd).
     */
    template <class Feed>
    void ForEachPiece(bool whole, bool endHeader, Feed&& feed) const
    {
        size_t start = 0;
        if (!whole)
        {
            for (size_t cut : cuts)
            {
                feed(bytes + start, cut - start);
                start = cut;
            }
        }
        feed(bytes + start, size - start);
        if (endHeader)
        {
            static const uint8_t END[] = {'\r', '\n', '\r', '\n'};
            feed(END, sizeof END);
        }
    }
};

/**
 * True when the final status of the stream fed in pieces may stand for that of the stream fed
 * whole: the same, or a failure both ways. Which error a malformed stream gets depends on where
 * the pieces end: Beast resumes its scan of a header or a chunk line where the previous piece
 * ended (see ForEachPiece), and a malformed header that also runs past the size limit is
 * MALFORMED or HEADER_TOO_LARGE depending on how far it had looked when the limit came.
 */
template <class Status>
bool
SameEnd(Status pieces, Status whole)
{
    auto failed = [](Status s) { return s != Status::DONE && s != Status::NEED_MORE; };
    return pieces == whole || (failed(pieces) && failed(whole));
}

/**
 * Parses the stream in pieces and whole with \p parse(whole, endHeader), which returns a result
 * with the parsed `messages` and the `last` status; parses the pieces again with the header ended
 * when only they still wait for more (see ForEachPiece); checks that both ways give the same
 * messages (compared by \p same). Returns {pieces, whole} for the target's checks of the end.
 */
template <class Parse, class Same>
auto
ParseBothWays(Parse&& parse, Same&& same)
{
    auto pieces = parse(false, false);
    auto whole = parse(true, false);
    using Status = decltype(pieces.last);
    if (pieces.last == Status::NEED_MORE && whole.last != Status::NEED_MORE)
    {
        pieces = parse(false, true);
    }
    FUZZ_CHECK(pieces.messages.size() == whole.messages.size(),
               pieces.messages.size() << " messages in pieces, " << whole.messages.size()
                                      << " whole");
    for (size_t i = 0; i < pieces.messages.size(); ++i)
    {
        FUZZ_CHECK(same(pieces.messages[i], whole.messages[i]),
                   "message " << i << " differs when the stream comes in pieces");
    }
    return std::make_pair(pieces, whole);
}

} // namespace fuzz
} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_FUZZ_SPLIT_STREAM_H
