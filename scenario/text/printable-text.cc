#include "printable-text.h"

#include <cstdio>
#include <vector>

namespace ns3
{

namespace
{

/** Length of the valid UTF-8 sequence at \p at (2..4), or 0 when there is none. */
size_t
Utf8SequenceAt(const std::string& text, size_t at)
{
    auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(at);
    size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                    : lead >= 0xF0 && lead <= 0xF4                                 ? 4
                                                                                    : 0;
    if (length == 0 || at + length > text.size())
    {
        return 0;
    }
    for (size_t i = 1; i < length; ++i)
    {
        if ((byte(at + i) & 0xC0) != 0x80)
        {
            return 0;
        }
    }
    // Overlong three- and four-byte forms, UTF-16 surrogates and code points above U+10FFFF.
    unsigned char second = byte(at + 1);
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) ||
        (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F))
    {
        return 0;
    }
    return length;
}

/** \p text cut into printable pieces: one per character, escapes for the rest. */
std::vector<std::string>
Pieces(const std::string& text)
{
    std::vector<std::string> pieces;
    for (size_t at = 0; at < text.size();)
    {
        unsigned char c = static_cast<unsigned char>(text[at]);
        if (c >= 0x20 && c < 0x7F)
        {
            pieces.emplace_back(1, static_cast<char>(c));
            ++at;
            continue;
        }
        if (size_t length = c >= 0x80 ? Utf8SequenceAt(text, at) : 0)
        {
            pieces.push_back(text.substr(at, length));
            at += length;
            continue;
        }
        char escape[8];
        if (c == '\n' || c == '\r' || c == '\t')
        {
            std::snprintf(escape, sizeof(escape), "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
        }
        else
        {
            std::snprintf(escape, sizeof(escape), "\\x%02X", c);
        }
        pieces.emplace_back(escape);
        ++at;
    }
    return pieces;
}

} // namespace

std::string
PrintableText::Of(const std::string& text, size_t limit)
{
    std::vector<std::string> pieces = Pieces(text);
    std::string out;
    if (pieces.size() <= limit || limit < 8)
    {
        for (const auto& piece : pieces)
        {
            out += piece;
        }
        return out;
    }
    size_t head = (limit - 3) * 2 / 3;
    size_t tail = limit - 3 - head;
    for (size_t i = 0; i < head; ++i)
    {
        out += pieces[i];
    }
    out += "...";
    for (size_t i = pieces.size() - tail; i < pieces.size(); ++i)
    {
        out += pieces[i];
    }
    return out;
}

bool
PrintableText::IsText(const std::string& text)
{
    for (size_t at = 0; at < text.size();)
    {
        unsigned char c = static_cast<unsigned char>(text[at]);
        if (c >= 0x80)
        {
            size_t length = Utf8SequenceAt(text, at);
            if (length == 0)
            {
                return false;
            }
            at += length;
            continue;
        }
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
        {
            return false;
        }
        ++at;
    }
    return true;
}

} // namespace ns3
