#include "make-directories.h"

#include <cerrno>
#include <sstream>
#include <sys/stat.h>

namespace ns3
{

bool
MakeDirectories(const std::string& path)
{
    std::string partial;
    std::istringstream parts(path);
    std::string part;
    if (!path.empty() && path[0] == '/')
    {
        partial.push_back('/'); // not `= "/"`: GCC 12's -Wrestrict misfires on it in C++23 (bug 105329)
    }
    while (std::getline(parts, part, '/'))
    {
        if (part.empty())
        {
            continue;
        }
        partial += part;
        partial.push_back('/');
        if (mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST)
        {
            return false;
        }
    }
    return true;
}

} // namespace ns3
