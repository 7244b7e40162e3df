#include "write-http-body.h"

#include "ns3/http-body-generator.h"

#include <algorithm>
#include <fstream>
#include <vector>

namespace ns3
{

bool
WriteHttpBody(const std::string& path, uint64_t size)
{
    HttpBodyGenerator body("/bytes/" + std::to_string(size));
    std::ofstream out(path, std::ios::binary);
    std::vector<uint8_t> chunk(65536);
    for (uint64_t offset = 0; offset < size && out; offset += chunk.size())
    {
        size_t n = static_cast<size_t>(std::min<uint64_t>(chunk.size(), size - offset));
        body.Fill(offset, chunk.data(), n);
        out.write(reinterpret_cast<const char*>(chunk.data()), n);
    }
    return static_cast<bool>(out);
}

} // namespace ns3
