// StopRequest: SIGTERM and SIGINT ask a real-time run to stop instead of ending the process.
#include "ns3/stop-request.h"

#include <gtest/gtest.h>

#include <csignal>

using namespace ns3;

TEST(StopRequest, SigtermAndSigintAreRequestsAndListeningAgainClearsThem)
{
    for (int signal : {SIGTERM, SIGINT})
    {
        StopRequest::ListenForSignals();
        EXPECT_FALSE(StopRequest::IsRequested());
        ASSERT_EQ(std::raise(signal), 0); // the process lives on: the handler only notes it
        EXPECT_TRUE(StopRequest::IsRequested()) << signal;
    }
    StopRequest::ListenForSignals();
    EXPECT_FALSE(StopRequest::IsRequested()) << "a run after that starts without a request";
    // The default handling back for the rest of this process.
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGINT, SIG_DFL);
}
