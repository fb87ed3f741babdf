// Temporal's time-skipping test server started at a chosen instant rather than at the machine's clock, so a test
// can begin on the local day and hour it needs (a Monday, the eve of a holiday) whatever day it runs on.
// Same services as io.temporal.testserver.TestServer; usage: <port> <initial time, epoch milliseconds>.
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;

public final class InitialTimeTestServer {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long initialTimeMs = Long.parseLong(args[1]);
    // Time skipping starts locked, as with TestServer: the SDK unlocks it while a test waits.
    TestServicesStarter services = new TestServicesStarter(true, initialTimeMs);
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    builder.build().start().awaitTermination();
  }
}
