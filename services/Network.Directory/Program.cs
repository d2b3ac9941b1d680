using Network.Directory;
using Network.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(DirectoryService.Name);
builder.AddDirectoryServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDirectoryApi();
app.Run();

public partial class Program;
