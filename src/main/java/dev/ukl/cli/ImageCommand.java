package dev.ukl.cli;

import dev.ukl.guest.Form;
import dev.ukl.Project;
import dev.ukl.app.App;
import dev.ukl.guest.AppRunner;
import dev.ukl.guest.Launch;
import dev.ukl.guest.Pipeline;
import dev.ukl.image.OciImage;
import dev.ukl.image.VmManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Make an OCI image that a cluster boots: the kernel running the app and its initramfs under "
                + "/boot/, as KubeVirt's kernel boot expects (files owned by 107:107, the qemu user there), and "
                + "beside it a KubeVirt VirtualMachine manifest that runs it.",
                "The app writes to the serial console, and init's line 'ukl-guest: app exited with status N' "
                        + "records its end. No Docker daemon is needed; the same app and kernel give the same "
                        + "digest. 'ukl run --image FILE' boots the image here as the cluster would."})
public final class ImageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "APP", description = "The app, as for 'ukl run'.")
    Path app;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the app (after --), kept in "
            + "the image.")
    List<String> args = new ArrayList<>();

    @Mixin
    LaunchOptions options = new LaunchOptions();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "The OCI archive to write (skopeo's oci-archive:FILE).")
    Path output;

    @Option(names = "--name", paramLabel = "REF", description = "The image's name in the archive and the manifest "
            + "(default: ukl/APP:latest).")
    String name;

    @Option(names = "--push", paramLabel = "REF", description = "Also push the image to a registry as REF (plain "
            + "HTTP only for a registry on localhost or 127.0.0.1); the manifest then names REF.")
    String push;

    @Option(names = "--manifest", paramLabel = "FILE", description = "Where the VirtualMachine manifest goes "
            + "(default: beside the archive, NAME-vm.yaml).")
    Path manifest;

    @Option(names = "--port", paramLabel = "PORT", description = "The port the app listens on, opened in the "
            + "manifest (default: the app's port).")
    Integer port;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        App a = App.load(app);
        Form form = options.form();
        Launch launch = options.launch(args, null).withConsoleOutput(true);
        String reference = name != null ? name : "ukl/" + VmManifest.objectName(a.name()) + ":latest";
        Pipeline pipeline = new Pipeline(Project.locate(), err).ensurePrerequisites();
        AppRunner.Prepared prepared = new AppRunner(pipeline).prepare(a, form, launch);
        int appPort = port != null ? port : a.port();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", a.name());
        labels.put(OciImage.LABEL_APP, a.name());
        labels.put(OciImage.LABEL_FORM, form.label());
        labels.put(OciImage.LABEL_CMDLINE, prepared.append());
        if (appPort > 0) {
            labels.put(OciImage.LABEL_PORT, Integer.toString(appPort));
        }
        OciImage image = new OciImage(prepared.boot().kernel(), prepared.initrd(), labels,
                pipeline.project().build().resolve("jib-cache"));
        Path out = output.toAbsolutePath();
        OciImage.Result written = image.writeArchive(out, reference);
        err.println("ukl: wrote " + out + " (" + reference + ", " + written.digest() + ")");
        String manifestImage = reference;
        if (push != null) {
            OciImage.Result pushed = image.push(push);
            err.println("ukl: pushed " + push + " (" + pushed.digest() + ")");
            manifestImage = push;
        }
        Path m = manifest != null ? manifest : out.resolveSibling(VmManifest.objectName(a.name()) + "-vm.yaml");
        new VmManifest(VmManifest.objectName(a.name()), manifestImage, prepared.append(), launch.memoryMb(),
                launch.cpus(), appPort).write(m);
        err.println("ukl: VirtualMachine manifest: " + m);
        spec.commandLine().getOut().println(written.digest());
        return 0;
    }
}
