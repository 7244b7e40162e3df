#include "write-output-file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace ns3
{

std::string
WriteOutputFile(const std::string& path, const std::string& text)
{
    std::string partial = path + ".partial";
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        file << text;
        file.close();
        if (!file)
        {
            std::string error = "cannot write " + partial + ": " + std::strerror(errno);
            std::remove(partial.c_str());
            return error;
        }
    }
    if (std::rename(partial.c_str(), path.c_str()) != 0)
    {
        std::string error = "cannot rename " + partial + " to " + path + ": " + std::strerror(errno);
        std::remove(partial.c_str());
        return error;
    }
    return "";
}

} // namespace ns3
