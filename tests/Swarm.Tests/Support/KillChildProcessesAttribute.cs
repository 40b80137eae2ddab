using NUnit.Framework.Interfaces;

[assembly: Swarm.Tests.Support.KillChildProcesses]

namespace Swarm.Tests.Support;

/// <summary>After every test and every fixture, kills the processes it started that still run (see <see cref="ChildProcesses"/>).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class KillChildProcessesAttribute : Attribute, ITestAction
{
    public ActionTargets Targets => ActionTargets.Test | ActionTargets.Suite;

    public void BeforeTest(ITest test)
    {
    }

    public void AfterTest(ITest test)
    {
        if (test.TestType == "Assembly")
        {
            ChildProcesses.KillAll();
            return;
        }

        ChildProcesses.KillStartedBy(test.Id);
    }
}
