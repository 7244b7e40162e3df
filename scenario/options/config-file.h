/*
 * Reading a --config file with bounds: only a regular file, at most MAX_BYTES, and text (UTF-8
 * without control characters). --config=/dev/zero grew to 24 GB until the kernel killed the run, a
 * directory ran silently with the defaults, and a binary file was echoed to the terminal (issue 23).
 */
#ifndef HANDSHAKE_CONFIG_FILE_H
#define HANDSHAKE_CONFIG_FILE_H

#include <cstddef>
#include <string>

namespace ns3
{

class ConfigFile
{
  public:
    /** Largest config file read: a sweep spec or flag list is a few kB; this leaves room for comments. */
    static constexpr size_t MAX_BYTES = 1 << 20;

    /**
     * Reads \p path into \p text. Returns "" on success, else one line naming the file and what is
     * wrong (not found, not a regular file, too large, the line that is not text).
     */
    static std::string Read(const std::string& path, std::string& text);
};

} // namespace ns3

#endif // HANDSHAKE_CONFIG_FILE_H
