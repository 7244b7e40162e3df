/*
 * Deterministic HTTP bodies: byte i of the body served for a path is a function of (path, i) only,
 * so a client checks every byte it receives without the server telling it anything else.
 *
 * The first PREFIX_BYTES of a body are generated once and shared by every generator of the same
 * path (a small cache, per thread, of the most recent paths): in a run where many clients fetch
 * the same path, the server copies those bytes and the client compares them (issue [bench]: the
 * generation was 4.5% of a 1,000-client run's instructions). The bytes are the same either way.
 */
#ifndef HANDSHAKE_HTTP_BODY_GENERATOR_H
#define HANDSHAKE_HTTP_BODY_GENERATOR_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace ns3
{

class HttpBodyGenerator
{
  public:
    /** A generator for the body of \p path. */
    explicit HttpBodyGenerator(const std::string& path);

    /** The byte at \p offset: printable ASCII (letters and digits), so captures stay readable. */
    uint8_t ByteAt(uint64_t offset) const;

    /** Writes bytes [offset, offset + size) into \p out. */
    void Fill(uint64_t offset, uint8_t* out, size_t size) const;

    /** Index in \p data of the first byte that differs from the body at \p offset, or \p size. */
    size_t FirstMismatch(uint64_t offset, const uint8_t* data, size_t size) const;

    /** The bytes of a body shared through the cache: its first 64 KiB. */
    static constexpr uint64_t PREFIX_BYTES = 64 * 1024;

  private:
    /** The body's bytes [0, end) from the cache, or nullptr when \p end is beyond PREFIX_BYTES. */
    const uint8_t* Prefix(uint64_t end) const;

    uint64_t m_seed;
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_BODY_GENERATOR_H
