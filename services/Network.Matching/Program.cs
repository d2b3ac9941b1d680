using Network.Matching;
using Network.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(MatchingService.Name);
builder.AddMatchingServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapMatchingApi();
app.Run();

public partial class Program;
