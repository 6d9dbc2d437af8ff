// The set-up every notebook loads with one line, `%load setup.jsh` (IJava's %load runs a .jsh file's magics and code
// in the notebook's kernel, so what is declared here is there for the cells that follow). Relative paths resolve
// against the kernel's working directory, which is the folder of the notebook being run (also when nbconvert runs
// it from elsewhere, as bin/run-notebooks does), so this file serves every notebook in notebooks/.
//
// The %jars lines are here, not in the notebooks: IJava runs line magics from a loaded file (checked on a kernel
// without IJAVA_CLASSPATH). The project's kernel (bin/install-kernel) has the jars already; they make the notebooks
// work on any IJava 1.3.0 kernel too.
%jars ../target/lib/*.jar
%jars ../target/easy2hard.jar

import java.nio.file.*;
import java.util.*;
import org.easy2hard.data.*;
import org.easy2hard.hardness.*;
import org.easy2hard.stats.*;
import org.easy2hard.method.*;
import org.easy2hard.model.*;
import org.easy2hard.model.open.*;
import org.easy2hard.experiment.*;
import org.easy2hard.experiment.driver.*;
import org.easy2hard.experiment.sheet.*;
import org.easy2hard.report.*;
import org.easy2hard.notebook.*;
import tech.tablesaw.api.Table;

Notebooks.register();                                  // tables render as HTML, charts as PNG (harmless twice)

// The switches, the same in every notebook. Quick mode: $EASY2HARD_QUICK=1 (bin/notebooks --quick, CI).
boolean quick = Notebooks.quick();
DataStore store = DataStore.fromSettings();            // -Deasy2hard.data.dir, $EASY2HARD_DATA_DIR or ~/.cache
String model = Notebooks.model(quick);                 // $EASY2HARD_MODEL (bin/notebooks --model REF) overrides
List<String> models = Notebooks.models(quick);         // for comparisons across models: + $EASY2HARD_MODEL when set
int everyNth = quick ? 3 : 1, trainSize = quick ? 40 : 160, draws = quick ? 2 : 5;
GridBootstrap bootstrap = GridBootstrap.withDefaults(); // 10,000 resamples, 95% intervals

System.out.println(Notebooks.banner(quick, model, everyNth, trainSize, draws));
