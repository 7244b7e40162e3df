// GilbertElliottErrorModel: long-run loss rate and burst lengths match the chain's parameters.
#include "ns3/double.h"
#include "ns3/handshake-module.h"
#include "ns3/packet.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(GilbertElliottErrorModel, LossRateAndBurstsFollowTheChain)
{
    Ptr<GilbertElliottErrorModel> model = CreateObject<GilbertElliottErrorModel>();
    model->SetAttribute("GoodToBad", DoubleValue(0.02));
    model->SetAttribute("BadToGood", DoubleValue(0.25)); // mean burst 4 packets
    model->AssignStreams(11);
    EXPECT_NEAR(model->StationaryLossRate(), 0.02 / 0.27, 1e-12);

    Ptr<Packet> packet = Create<Packet>(100);
    const int n = 200000;
    int lost = 0;
    int bursts = 0;
    bool previousLost = false;
    for (int i = 0; i < n; ++i)
    {
        bool isLost = model->IsCorrupt(packet);
        lost += isLost;
        bursts += isLost && !previousLost;
        previousLost = isLost;
    }
    EXPECT_NEAR(double(lost) / n, 0.02 / 0.27, 0.01);
    EXPECT_NEAR(double(lost) / bursts, 4.0, 0.3); // vs ~1.08 for independent losses at this rate
}

TEST(GilbertElliottErrorModel, SameStreamSameLosses)
{
    auto pattern = [] {
        Ptr<GilbertElliottErrorModel> model = CreateObject<GilbertElliottErrorModel>();
        model->AssignStreams(5);
        Ptr<Packet> packet = Create<Packet>(10);
        std::vector<bool> losses;
        for (int i = 0; i < 1000; ++i)
        {
            losses.push_back(model->IsCorrupt(packet));
        }
        return losses;
    };
    EXPECT_EQ(pattern(), pattern());
}
