/*
 * Deterministic HTTP bodies: byte i of the body served for a path is a function of (path, i) only,
 * so a client checks every byte it receives without the server telling it anything else.
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

  private:
    uint64_t m_seed;
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_BODY_GENERATOR_H
