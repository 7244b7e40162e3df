// Set-up cost of TopologyBuilder: wall time and peak RSS to build N clients (issue [topology]).
// usage: topology-setup-bench --clients=100000 [--servers=10] [--fanout=100] [--topology=tree]
#include "ns3/core-module.h"
#include "ns3/handshake-module.h"

#include <chrono>
#include <iostream>
#include <sys/resource.h>

using namespace ns3;

int
main(int argc, char* argv[])
{
    uint32_t clients = 1000;
    uint32_t servers = 10;
    uint32_t fanout = 100;
    std::string shape = "tree";
    CommandLine cmd;
    cmd.AddValue("clients", "clients", clients);
    cmd.AddValue("servers", "servers", servers);
    cmd.AddValue("fanout", "clients per access router", fanout);
    cmd.AddValue("topology", "tree or dumbbell", shape);
    cmd.Parse(argc, argv);

    auto start = std::chrono::steady_clock::now();
    Ptr<TopologyBuilder> topology = CreateObject<TopologyBuilder>();
    topology->SetAttribute("Shape", StringValue(shape));
    topology->SetAttribute("Fanout", UintegerValue(fanout));
    std::string error = topology->Build(clients, servers);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!error.empty())
    {
        std::cerr << error << std::endl;
        return 2;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cout << "clients " << clients << ", " << shape << " fan-out " << fanout << ": build "
              << seconds << " s (" << seconds / clients * 1e6 << " us/client), peak RSS "
              << usage.ru_maxrss / 1024 << " MB" << std::endl;
    Simulator::Destroy();
    return 0;
}
