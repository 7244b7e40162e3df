#include "config-file.h"

#include "ns3/printable-text.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace ns3
{

namespace
{

/** "'path'" as an error line may quote it. */
std::string
Quoted(const std::string& path)
{
    return "'" + PrintableText::Of(path) + "'";
}

/** The 1-based line of \p text that holds its first byte that is not text, with that line. */
std::string
FirstNonTextLine(const std::string& path, const std::string& text)
{
    size_t start = 0;
    for (size_t number = 1; start <= text.size(); ++number)
    {
        size_t end = text.find('\n', start);
        std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!PrintableText::IsText(line))
        {
            return PrintableText::Of(path) + ":" + std::to_string(number) +
                   ": not text (binary or control characters): " + PrintableText::Of(line, 60);
        }
        if (end == std::string::npos)
        {
            break;
        }
        start = end + 1;
    }
    return PrintableText::Of(path) + ": not text";
}

} // namespace

std::string
ConfigFile::Read(const std::string& path, std::string& text)
{
    struct stat info;
    if (path.empty() || ::stat(path.c_str(), &info) != 0)
    {
        return "cannot read " + Quoted(path) + ": " + std::strerror(path.empty() ? ENOENT : errno);
    }
    if (!S_ISREG(info.st_mode))
    {
        return Quoted(path) + " is not a regular file" + (S_ISDIR(info.st_mode) ? " (a directory)" : "");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        return "cannot read " + Quoted(path) + ": " + std::strerror(errno);
    }
    // The size from stat() can change under us: read at most one byte past the limit to know.
    text.assign(MAX_BYTES + 1, '\0');
    in.read(&text[0], static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > MAX_BYTES)
    {
        text.clear();
        return Quoted(path) + " is larger than " + std::to_string(MAX_BYTES >> 20) +
               " MiB: not a config file";
    }
    if (!PrintableText::IsText(text))
    {
        std::string error = FirstNonTextLine(path, text);
        text.clear();
        return error;
    }
    return "";
}

} // namespace ns3
