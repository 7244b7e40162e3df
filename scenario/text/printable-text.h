/*
 * User input echoed in an error line: control characters and bytes that are not UTF-8 escaped
 * (\n, \x00, ...), long text shortened in the middle. A binary config file or a flag full of escape
 * sequences must not write raw bytes to the user's terminal (issue 23).
 */
#ifndef HANDSHAKE_PRINTABLE_TEXT_H
#define HANDSHAKE_PRINTABLE_TEXT_H

#include <cstddef>
#include <string>

namespace ns3
{

class PrintableText
{
  public:
    /** Longest text an error line quotes: enough for any sensible value or config line. */
    static constexpr size_t DEFAULT_LIMIT = 120;

    /**
     * \p text with every control character, DEL and byte outside a valid UTF-8 sequence written as
     * an escape (\t, \n, \r, \\xNN; a backslash stays, so escaping twice changes nothing); when
     * longer than \p limit characters, its head and tail around "...". Valid UTF-8 (a value in
     * Chinese, say) stays as it is.
     */
    static std::string Of(const std::string& text, size_t limit = DEFAULT_LIMIT);

    /** True when \p text is valid UTF-8 without control characters other than tab, CR and LF. */
    static bool IsText(const std::string& text);
};

} // namespace ns3

#endif // HANDSHAKE_PRINTABLE_TEXT_H
