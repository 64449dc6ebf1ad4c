package io.llmops.spi;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A class loader that serves one test resource as the {@code RuntimeProvider} service file, so each discovery test
 * sees exactly the providers of its scenario and nothing else on the class path.
 */
final class ServiceFileClassLoader extends ClassLoader {
  private static final String SERVICE_FILE = "META-INF/services/" + RuntimeProvider.class.getName();
  private final String scenario;

  ServiceFileClassLoader(String scenario) {
    super(ServiceFileClassLoader.class.getClassLoader());
    this.scenario = scenario;
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (SERVICE_FILE.equals(name)) {
      URL url = getParent().getResource("discovery/" + scenario + ".services");
      if (url == null) {
        throw new IOException("no scenario " + scenario);
      }
      return Collections.enumeration(Collections.singletonList(url));
    }
    return super.getResources(name);
  }
}
