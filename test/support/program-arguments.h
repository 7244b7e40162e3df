// argc and argv of a command line given as strings, the program's name first: for a test that runs
// a program's Main or an options class's Parse in-process.
#ifndef HANDSHAKE_TEST_PROGRAM_ARGUMENTS_H
#define HANDSHAKE_TEST_PROGRAM_ARGUMENTS_H

#include <string>
#include <vector>

namespace ns3
{

class ProgramArguments
{
  public:
    ProgramArguments(const std::string& program, const std::vector<std::string>& args)
        : m_args(args)
    {
        m_args.insert(m_args.begin(), program);
        for (auto& arg : m_args)
        {
            m_argv.push_back(arg.data());
        }
        m_argv.push_back(nullptr); // as a C main's argv[argc]
    }

    /** Not copied: argv points into this object's strings. */
    ProgramArguments(const ProgramArguments&) = delete;
    ProgramArguments& operator=(const ProgramArguments&) = delete;

    int Argc() const
    {
        return static_cast<int>(m_args.size());
    }

    char** Argv()
    {
        return m_argv.data();
    }

  private:
    std::vector<std::string> m_args;
    std::vector<char*> m_argv;
};

} // namespace ns3

#endif // HANDSHAKE_TEST_PROGRAM_ARGUMENTS_H
