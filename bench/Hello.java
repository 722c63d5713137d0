/** The JVM start-up floor the CLI is compared with: prints one line and exits. */
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
